package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.k2store.server.auth.AnonymousAccessGuard;

/**
 * The repository's config.yml binds and validates, its defaults are the documented ones, and the
 * environment overrides the values that are not plain scalars (contact points, tenants).
 */
class ConfigFileTest {

    private static final Path CONFIG = Path.of(System.getProperty("user.dir")).resolve("../../config.yml").normalize();

    private static K2StoreConfiguration load(Map<String, String> environment) throws Exception {
        YamlConfigurationFactory<K2StoreConfiguration> factory = new YamlConfigurationFactory<>(K2StoreConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new StringSubstitutor(environment)),
                CONFIG.toString());
    }

    @Test
    void defaultsAreTheDevelopmentSetup() throws Exception {
        K2StoreConfiguration config = load(Map.of());
        assertThat(config.getCassandra().getContactPoints()).as("embedded node").isEmpty();
        assertThat(config.getCassandra().validate().getSettleWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.getEmbedded().getDataDirectory()).isEqualTo("./data/cassandra");
        assertThat(config.getLimits().getBoundedStepIds()).isEqualTo(5_000);
        assertThat(config.getLimits().getMaxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.getAuth().isAllowAnonymousOnLoopback()).isTrue();
        assertThat(config.getAuth().getTenants()).isEmpty();
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        HttpConnectorFactory api = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(api.getBindHost() + ":" + api.getPort()).isEqualTo("127.0.0.1:8080");
        assertThat(admin.getBindHost() + ":" + admin.getPort()).isEqualTo("127.0.0.1:8081");
        AnonymousAccessGuard.check(true, server);
    }

    @Test
    void theEnvironmentOverridesContactPointsTenantsAndScalars() throws Exception {
        K2StoreConfiguration config = load(Map.of(
                "K2STORE_CASSANDRA_CONTACT_POINTS", "10.0.0.1:9042, 10.0.0.2:9043",
                "K2STORE_TENANTS", "[{name: alice, tokenSha256: [9c220f200955d76c0a38d308225e0ef10c5f971acaf2f8d1d8f732affa5bd1dc],"
                        + " spaces: [\"*\"]}]",
                "K2STORE_ALLOW_ANONYMOUS", "false",
                "K2STORE_BIND_HOST", "0.0.0.0",
                "K2STORE_SETTLE_WINDOW", "PT30S",
                "K2STORE_CASSANDRA_DATA_CENTERS", "{dc1: 3, dc2: 2}"));
        assertThat(config.getCassandra().getContactPoints()).containsExactly("10.0.0.1:9042", "10.0.0.2:9043");
        assertThat(config.getCassandra().getSettleWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.getCassandra().getDataCenters()).containsEntry("dc1", 3).containsEntry("dc2", 2);
        assertThat(config.getAuth().isAllowAnonymousOnLoopback()).isFalse();
        assertThat(config.getAuth().getTenants()).singleElement().satisfies(tenant -> {
            assertThat(tenant.getName()).isEqualTo("alice");
            assertThat(tenant.getSpaces()).containsExactly("*");
        });
        AnonymousAccessGuard.check(false, config.getServerFactory());
    }
}
