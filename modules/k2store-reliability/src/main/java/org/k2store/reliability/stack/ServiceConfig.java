package org.k2store.reliability.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The config.yml of one k2store instance of the local stack: its own API and admin ports on
 * loopback, the shared cluster's contact points, replication factor 3 and LOCAL_QUORUM (the
 * defaults), and health probed every second so a test sees an outage quickly.
 */
public record ServiceConfig(int apiPort, int adminPort, List<InetSocketAddress> contactPoints, String localDatacenter,
        String keyspace, int replicationFactor, boolean applySchema, Duration settleWindow, Duration maxClockSkew) {

    /** With the service's default allowance for clock skew between instances. */
    public ServiceConfig(int apiPort, int adminPort, List<InetSocketAddress> contactPoints, String localDatacenter,
            String keyspace, int replicationFactor, boolean applySchema, Duration settleWindow) {
        this(apiPort, adminPort, contactPoints, localDatacenter, keyspace, replicationFactor, applySchema, settleWindow,
                Duration.ofMillis(500));
    }

    public static ServiceConfig onFreePorts(List<InetSocketAddress> contactPoints, String localDatacenter, String keyspace,
            int replicationFactor, boolean applySchema, Duration settleWindow) {
        return new ServiceConfig(freePort(), freePort(), contactPoints, localDatacenter, keyspace, replicationFactor, applySchema,
                settleWindow);
    }

    public String yaml() {
        String points = contactPoints.stream().map(point -> point.getHostString() + ":" + point.getPort())
                .collect(Collectors.joining(","));
        return String.join("\n",
                "server:",
                "  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: " + apiPort + "}]",
                "  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: " + adminPort + "}]",
                "  requestLog: {appenders: []}",
                "logging:",
                "  level: WARN",
                "  loggers: {org.k2store: INFO, com.datastax.oss.driver: ERROR}",
                "cassandra:",
                "  contactPoints: \"" + points + "\"",
                "  localDatacenter: " + localDatacenter,
                "  keyspace: " + keyspace,
                "  replicationFactor: " + replicationFactor,
                "  applySchema: " + applySchema,
                "  settleWindow: " + settleWindow,
                "  maxClockSkew: " + maxClockSkew,
                "  requestTimeout: PT10S",
                "  connectTimeout: PT5S",
                "cassandraHealth: {interval: PT1S, timeout: PT2S}",
                "auth: {allowAnonymousOnLoopback: true}",
                "");
    }

    /** A port nothing listens on now; the instance binds it a moment later. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
