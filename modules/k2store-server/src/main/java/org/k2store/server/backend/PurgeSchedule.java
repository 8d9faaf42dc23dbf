package org.k2store.server.backend;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.k2store.cassandra.SpacePurges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one purge step of dropped spaces per tick, never two at once (a slow step skips ticks
 * instead of piling up), and reports the queue as metrics: {@code k2store.purges.queued},
 * {@code k2store.purges.requests} and {@code k2store.purges.finished}. With nothing queued it looks
 * only every {@link #IDLE_TICKS} ticks: the queue read is a range read over the whole ring.
 */
final class PurgeSchedule implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeSchedule.class);

    static final int IDLE_TICKS = 10;

    private final SpacePurges purges;
    private final AtomicInteger ticksToSkip = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    private final Meter requests;
    private final Counter finished;

    PurgeSchedule(SpacePurges purges, MetricRegistry metrics) {
        this.purges = purges;
        metrics.gauge("k2store.purges.queued", () -> queued::get);
        this.requests = metrics.meter("k2store.purges.requests");
        this.finished = metrics.counter("k2store.purges.finished");
    }

    @Override
    public void run() {
        if (ticksToSkip.getAndUpdate(left -> Math.max(0, left - 1)) > 0 || !running.compareAndSet(false, true)) {
            return;
        }
        purges.step().whenComplete((step, error) -> {
            running.set(false);
            if (error != null) {
                LOG.debug("no purge step this time: {}", error.toString());
                return;
            }
            queued.set(step.queued());
            ticksToSkip.set(step.queued() == 0 ? IDLE_TICKS - 1 : 0);
            requests.mark(step.requests());
            if (step.finished()) {
                finished.inc();
            }
        });
    }
}
