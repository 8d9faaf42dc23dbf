package org.k2store.reliability.input;

import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.net.URI;
import java.util.stream.Collectors;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.server.K2StoreApplication;
import org.k2store.server.K2StoreConfiguration;
import org.k2store.server.StoreTuning;

/**
 * One k2store service, in-process on random ports, against the test JVM's shared Cassandra: the
 * whole application as a client meets it (filters, auth, limits, error mappers, Jetty's own errors).
 */
final class InputService implements AutoCloseable {

    private final DropwizardTestSupport<K2StoreConfiguration> support;

    private InputService(DropwizardTestSupport<K2StoreConfiguration> support) {
        this.support = support;
    }

    /** Starts the service with {@code input/<config>} from the test resources. */
    static InputService start(String config, CassandraEndpoint cassandra) throws Exception {
        String contactPoints = cassandra.contactPoints().stream()
                .map(point -> point.getHostString() + ":" + point.getPort())
                .collect(Collectors.joining(","));
        DropwizardTestSupport<K2StoreConfiguration> support = new DropwizardTestSupport<>(K2StoreApplication.class,
                ResourceHelpers.resourceFilePath("input/" + config),
                ConfigOverride.config("cassandra.contactPoints", contactPoints),
                ConfigOverride.config("cassandra.localDatacenter", cassandra.localDatacenter())) {
            @Override
            public Application<K2StoreConfiguration> newApplication() {
                return new K2StoreApplication(StoreTuning.PRODUCTION);
            }
        };
        support.before();
        return new InputService(support);
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + support.getLocalPort());
    }

    URI admin() {
        return URI.create("http://127.0.0.1:" + support.getAdminPort());
    }

    K2StoreConfiguration configuration() {
        return support.getConfiguration();
    }

    @Override
    public void close() {
        support.after();
    }
}
