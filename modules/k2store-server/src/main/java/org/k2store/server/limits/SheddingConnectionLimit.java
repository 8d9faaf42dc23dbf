package org.k2store.server.limits;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;

/**
 * Jetty's service-wide connection cap, shedding idle connections for as long as it holds. Jetty
 * gives the shorter idle timeout only to the connections registered at the moment the cap is
 * reached; those accepted in the same burst are still being registered then and keep the
 * connector's 30 s, and while the port does not accept nothing checks again (measured: 24 idle
 * connections opened at once all stayed 30 s). So it is applied again every half second while the
 * cap holds.
 */
final class SheddingConnectionLimit extends NetworkConnectionLimit {

    private static final long RECHECK_MILLIS = 500;

    private final Connector[] connectors;
    private final long idleWhenFullMillis;
    private final AtomicBoolean shedding = new AtomicBoolean();
    private volatile boolean limited;

    SheddingConnectionLimit(int maxConnections, long idleWhenFullMillis, Connector... connectors) {
        super(maxConnections, connectors);
        this.connectors = connectors;
        this.idleWhenFullMillis = idleWhenFullMillis;
        setEndPointIdleTimeout(idleWhenFullMillis);
    }

    @Override
    protected void limit() {
        super.limit();
        limited = true;
        sheddingSoon();
    }

    @Override
    protected void unlimit() {
        limited = false;
        super.unlimit();
    }

    private void shed() {
        if (!limited || !isRunning()) {
            shedding.set(false);
            // limit() may have run between the check and the reset, found shedding still set and left it to us.
            if (limited && isRunning()) {
                sheddingSoon();
            }
            return;
        }
        for (Connector connector : connectors) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getIdleTimeout() > idleWhenFullMillis) {
                    endPoint.setIdleTimeout(idleWhenFullMillis);
                }
            }
        }
        connectors[0].getScheduler().schedule(this::shed, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts the half-second re-checks unless they already run. */
    private void sheddingSoon() {
        if (shedding.compareAndSet(false, true)) {
            connectors[0].getScheduler().schedule(this::shed, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
