package org.k2store.server;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.k2store.cassandra.testing.CassandraEndpoint;

/**
 * The whole application, started in-process on random ports against the test JVM's shared
 * Cassandra (the same node every test class of the module uses), and stopped by {@link #close()}.
 */
final class TestServer implements AutoCloseable {

    final DropwizardTestSupport<K2StoreConfiguration> support;

    private TestServer(DropwizardTestSupport<K2StoreConfiguration> support) {
        this.support = support;
    }

    /** The application on {@code configResource}, with {@code overrides} applied on top of it. */
    static TestServer start(String configResource, StoreTuning tuning, CassandraEndpoint cassandra,
            ConfigOverride... overrides) throws Exception {
        String contactPoints = cassandra.contactPoints().stream()
                .map(point -> point.getHostString() + ":" + point.getPort())
                .collect(Collectors.joining(","));
        List<ConfigOverride> all = new ArrayList<>(List.of(ConfigOverride.config("cassandra.contactPoints", contactPoints),
                ConfigOverride.config("cassandra.localDatacenter", cassandra.localDatacenter())));
        all.addAll(List.of(overrides));
        DropwizardTestSupport<K2StoreConfiguration> support = new DropwizardTestSupport<>(K2StoreApplication.class,
                ResourceHelpers.resourceFilePath(configResource), all.toArray(ConfigOverride[]::new)) {
            @Override
            public Application<K2StoreConfiguration> newApplication() {
                return new K2StoreApplication(tuning);
            }
        };
        support.before();
        return new TestServer(support);
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + support.getLocalPort());
    }

    /** The service's own metrics, as /metrics shows them. */
    MetricRegistry metrics() {
        return support.getEnvironment().metrics();
    }

    URI admin() {
        return URI.create("http://127.0.0.1:" + support.getAdminPort());
    }

    @Override
    public void close() {
        support.after();
    }
}
