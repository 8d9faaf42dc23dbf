package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Builds the driver session from configuration, programmatically (no application.conf to drift).
 * Statements are idempotent by default because every k2store write is: only idempotent statements
 * may be retried or speculatively executed, and the lightweight transaction is marked otherwise.
 */
public final class Sessions {

    private Sessions() {
    }

    public static CompletionStage<CqlSession> open(CassandraStoreConfig config, List<InetSocketAddress> contactPoints) {
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.getRequestTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, config.getConnectTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, config.getConnectTimeout())
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, config.getConnectTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, config.getReadConsistency())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, config.getSerialConsistency())
                .withInt(DefaultDriverOption.REQUEST_PAGE_SIZE, config.getPageSize())
                // Back-pressure instead of failure: at most maxConcurrentRequests in flight, the rest
                // queue (bounded); the pool has room for all of them, so no request finds every
                // connection full ("No connection was available").
                .withString(DefaultDriverOption.REQUEST_THROTTLER_CLASS, "ConcurrencyLimitingRequestThrottler")
                .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS, config.getMaxConcurrentRequests())
                .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, config.getMaxQueuedRequests())
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, config.getConnectionsPerNode())
                .withInt(DefaultDriverOption.CONNECTION_POOL_REMOTE_SIZE, config.getConnectionsPerNode())
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, config.getMaxRequestsPerConnection())
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
                .withBoolean(DefaultDriverOption.REQUEST_WARN_IF_SET_KEYSPACE, false)
                // A node back from an outage is used again within 10 s, not the driver's default 60 s:
                // the service answers 503 until then, and reconnect attempts to a dead node are cheap.
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, config.getRequestTimeout())
                .withStringList(DefaultDriverOption.METRICS_SESSION_ENABLED,
                        List.of("connected-nodes", "cql-requests", "cql-client-timeouts", "throttling.delay", "throttling.errors"))
                .withStringList(DefaultDriverOption.METRICS_NODE_ENABLED, List.of("pool.open-connections", "errors.request.unavailables",
                        "errors.request.read-timeouts", "errors.request.write-timeouts"))
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(loader)
                .addContactPoints(contactPoints)
                .withLocalDatacenter(config.getLocalDatacenter());
        if (config.getUsername() != null) {
            builder.withAuthCredentials(config.getUsername(), config.getPassword() == null ? "" : config.getPassword());
        }
        if (config.isTls()) {
            builder.withSslEngineFactory(TlsEngines.forConfig(config));
        }
        return builder.buildAsync();
    }

    /** Parses {@code host:port} contact points. */
    public static List<InetSocketAddress> parse(List<String> contactPoints) {
        return contactPoints.stream().map(point -> {
            int colon = point.lastIndexOf(':');
            return InetSocketAddress.createUnresolved(point.substring(0, colon), Integer.parseInt(point.substring(colon + 1)));
        }).map(a -> new InetSocketAddress(a.getHostString(), a.getPort())).toList();
    }
}
