package org.k2store.server.limits;

import com.codahale.metrics.Meter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes API connections whose request line and headers have not all arrived within the deadline
 * of the first sighting of them (a second while the service-wide connection cap holds). Jetty's idle
 * timeout restarts with every byte, so a client trickling a header a byte a second holds its
 * connection for ever without ever taking a request slot. The per-address cap bounds how many one
 * address holds, but a few addresses (an IPv6 /64 has 2^64) fill the service-wide cap and keep the
 * port from accepting anyone else. This bounds how long any connection may sit in its headers, as
 * Go's ReadHeaderTimeout and nginx's client_header_timeout do; a body has its own deadline.
 *
 * <p>Connections are looked at every {@link #SWEEP_MILLIS}: one whose parser is part-way through a
 * request's headers is remembered with the time it was first seen so and the number of requests it
 * had begun, and closed once the same request is still there past the deadline. Idle connections
 * (nothing of a next request yet) are left to the idle timeout.
 */
final class HeaderDeadline extends AbstractLifeCycle {

    static final long SWEEP_MILLIS = 500;

    private final Connector[] connectors;
    private final long deadlineNanos;
    private final long whenFullNanos;
    private final BooleanSupplier full;
    private final Meter closed;
    private ScheduledExecutorService sweeper;
    /** Only the sweeper's one thread reads and replaces it. */
    private Map<EndPoint, Sighting> inHeaders = new HashMap<>();

    HeaderDeadline(Connector[] connectors, long deadlineMillis, long whenFullMillis, BooleanSupplier full, Meter closed) {
        this.connectors = connectors;
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        this.whenFullNanos = TimeUnit.MILLISECONDS.toNanos(Math.min(whenFullMillis, deadlineMillis));
        this.full = full;
        this.closed = closed;
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "k2store-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweepSafely, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    private void sweepSafely() {
        try {
            sweep(System.nanoTime());
        } catch (RuntimeException e) {
            // One bad sweep must not end the sweeps (a scheduled task that throws is never run again).
            inHeaders = new HashMap<>();
        }
    }

    void sweep(long now) {
        long allowed = full.getAsBoolean() ? whenFullNanos : deadlineNanos;
        Map<EndPoint, Sighting> still = new HashMap<>();
        for (Connector connector : connectors) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                HttpConnection http = httpOf(endPoint.getConnection());
                if (http == null) {
                    continue;
                }
                HttpParser parser = http.getParser();
                // Read from another thread than the connection's: a stale state only delays a close by a sweep.
                if (parser.isStart() || !parser.inHeaderState()) {
                    continue;
                }
                long request = http.getMessagesIn();
                Sighting seen = inHeaders.get(endPoint);
                Sighting sighting = seen != null && seen.request() == request ? seen : new Sighting(request, now);
                if (now - sighting.since() >= allowed) {
                    closed.mark();
                    endPoint.close();
                } else {
                    still.put(endPoint, sighting);
                }
            }
        }
        inHeaders = still;
    }

    /** The HTTP/1.1 connection on {@code connection}, under TLS too; null for anything else. */
    private static HttpConnection httpOf(Connection connection) {
        if (connection instanceof SslConnection tls) {
            connection = tls.getSslEndPoint().getConnection();
        }
        return connection instanceof HttpConnection http ? http : null;
    }

    private record Sighting(long request, long since) {
    }
}
