package org.k2store.server.auth;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The start-up check behind the anonymous default: token-less access is safe only while nothing
 * but this machine can reach the API, so the service refuses to start when anonymous access is on
 * and any API connector binds a non-loopback address (or all addresses, the Jetty default).
 */
public final class AnonymousAccessGuard {

    private AnonymousAccessGuard() {
    }

    /** Throws IllegalStateException, naming the offending binding, when the combination is unsafe. */
    public static void check(boolean anonymousAllowed, ServerFactory server) {
        if (!anonymousAllowed) {
            return;
        }
        for (ConnectorFactory connector : apiConnectors(server)) {
            String host = connector instanceof HttpConnectorFactory http ? http.getBindHost() : null;
            if (!isLoopback(host)) {
                throw new IllegalStateException("refusing to start: auth.allowAnonymousOnLoopback is true but the API binds "
                        + (host == null ? "all addresses" : host)
                        + "; bind 127.0.0.1 (K2STORE_BIND_HOST) or set K2STORE_ALLOW_ANONYMOUS=false and configure auth.tenants");
            }
        }
    }

    private static List<ConnectorFactory> apiConnectors(ServerFactory server) {
        if (server instanceof DefaultServerFactory factory) {
            return factory.getApplicationConnectors();
        }
        if (server instanceof SimpleServerFactory factory) {
            return List.of(factory.getConnector());
        }
        throw new IllegalStateException("refusing to start: cannot tell where a " + server.getClass().getSimpleName()
                + " binds, so anonymous access cannot be allowed");
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
