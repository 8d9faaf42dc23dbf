package org.k2store.reliability.input;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * The service a test class attacks: one {@link InputService} with {@code input/<config>}, started
 * against the JVM's shared Cassandra before the class's own {@code @BeforeAll} methods and closed
 * after its tests, with raw HTTP clients for its API and admin ports. One per class, so what one
 * attack leaves behind (held connections, spent permits, counted meters) never meets another.
 * Register it as a static field with {@code @RegisterExtension}.
 */
final class ServiceUnderTest implements BeforeAllCallback, AfterAllCallback {

    private final String config;
    private InputService service;
    private RawHttp api;
    private RawHttp admin;

    ServiceUnderTest(String config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        service = InputService.start(config, CassandraExtension.endpoint(context));
        api = new RawHttp(service.api());
        admin = new RawHttp(service.admin());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    InputService service() {
        return service;
    }

    /** A client of the API port. */
    RawHttp api() {
        return api;
    }

    /** A client of the admin port. */
    RawHttp admin() {
        return admin;
    }
}
