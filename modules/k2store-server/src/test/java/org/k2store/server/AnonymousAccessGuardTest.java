package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import org.junit.jupiter.api.Test;
import org.k2store.server.auth.AnonymousAccessGuard;

/** Anonymous access is refused unless every API connector binds a loopback address. */
class AnonymousAccessGuardTest {

    private static DefaultServerFactory bound(String... hosts) {
        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(java.util.Arrays.stream(hosts).map(host -> {
            HttpConnectorFactory connector = new HttpConnectorFactory();
            connector.setBindHost(host);
            return (io.dropwizard.jetty.ConnectorFactory) connector;
        }).toList());
        return server;
    }

    @Test
    void loopbackBindingsAllowAnonymousAccess() {
        assertThatCode(() -> AnonymousAccessGuard.check(true, bound("127.0.0.1", "localhost", "::1"))).doesNotThrowAnyException();
    }

    @Test
    void anyOtherBindingRefusesToStart() {
        for (String host : new String[] {"0.0.0.0", null, "192.0.2.10", "no-such-host.invalid"}) {
            assertThatThrownBy(() -> AnonymousAccessGuard.check(true, bound("127.0.0.1", host)))
                    .as(String.valueOf(host)).isInstanceOf(IllegalStateException.class).hasMessageContaining("refusing to start");
        }
    }

    @Test
    void withoutAnonymousAccessAnyBindingIsFine() {
        assertThatCode(() -> AnonymousAccessGuard.check(false, bound("0.0.0.0", null))).doesNotThrowAnyException();
        assertThatCode(() -> AnonymousAccessGuard.check(false, new DefaultServerFactory())).doesNotThrowAnyException();
    }
}
