package org.k2store.server.limits;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.k2store.server.config.LimitsConfig;

/**
 * The connections the API port holds at once, all clients together and per client address. Idle
 * and slowly-sent connections take no request slot, so only these bound what a flood of them costs:
 * file descriptors (which the Cassandra driver needs too) and the buffers of half-read headers.
 * At the service-wide cap Jetty stops accepting and gives idle connections {@link #IDLE_WHEN_FULL_MILLIS}
 * instead of the connector's idle timeout, so a full service sheds what is not sending, and a
 * connection whose headers do not all arrive within {@link HeaderDeadline} is closed. The admin
 * port is left alone: probes and operators must reach a flooded service.
 */
public final class ConnectionLimits {

    /** The idle timeout of every open API connection while the service-wide cap is reached. */
    public static final long IDLE_WHEN_FULL_MILLIS = 1_000;

    private ConnectionLimits() {
    }

    /** Installs the limits on {@code server}'s API connectors; called before the server starts. */
    public static void install(Server server, LimitsConfig limits, MetricRegistry metrics) {
        Connector[] api = Arrays.stream(server.getConnectors()).filter(connector -> !"admin".equals(connector.getName()))
                .toArray(Connector[]::new);
        if (api.length == 0) {
            return;
        }
        int connections = limits.connections(Runtime.getRuntime().maxMemory(), fileDescriptors());
        NetworkConnectionLimit all = new SheddingConnectionLimit(connections, IDLE_WHEN_FULL_MILLIS, api);
        server.addBean(all);
        metrics.register("k2store.connections.open", (Gauge<Integer>) all::getNetworkConnectionCount);
        metrics.register("k2store.connections.limit", (Gauge<Integer>) all::getMaxNetworkConnectionCount);
        int perAddressCap = limits.connectionsPerAddress(connections);
        metrics.register("k2store.connections.limit_per_address", (Gauge<Integer>) () -> perAddressCap);
        if (perAddressCap > 0) {
            ClientConnections perAddress = new ClientConnections(perAddressCap, metrics.meter("k2store.connections.refused_per_address"));
            for (Connector connector : api) {
                connector.addEventListener(perAddress);
            }
        }
        long headerDeadline = limits.getHeaderDeadline().toMillis();
        if (headerDeadline > 0) {
            server.addBean(new HeaderDeadline(api, headerDeadline, IDLE_WHEN_FULL_MILLIS,
                    () -> all.getNetworkConnectionCount() >= all.getMaxNetworkConnectionCount(),
                    metrics.meter("k2store.connections.header_deadline_closed")));
        }
    }

    /** The process's file descriptor limit, or 0 where the JVM cannot tell. */
    static long fileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 0;
    }
}
