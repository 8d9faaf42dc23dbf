package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.k2store.api.MicrosClock;
import org.k2store.api.StoreUnavailableException;
import org.k2store.api.StoredAtSequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed timestamps: how a bookmark gets close to now without skipping an op another node is still
 * writing. Every few hundred milliseconds this node writes its closed timestamp ({@link OpenStamps})
 * to its row of {@code closed_timestamps} and reads every node's row; a reader's bookmark may go up
 * to the lowest of them. Three rules keep that safe:
 * <ul>
 * <li>A row only grows stale, never wrong: a closed timestamp stays true once given.</li>
 * <li>A node not in the rows read at time T stamps nothing below T: after its row is acknowledged
 *     it waits {@code maxClockSkew} before its first stamp, so its clock has passed T.</li>
 * <li>A node whose row may have expired stamps nothing that could still become visible: it stamps
 *     only within {@code lease} (the settle window) of its last acknowledged write of the row, and
 *     the row's TTL outlasts that lease plus the settle window of the last stamps.</li>
 * </ul>
 * So a crashed node's row holds bookmarks back to the settle window (never past it) until its TTL
 * runs out, and a node that cannot write its row refuses writes (503) until it can.
 */
final class ClosedTimestamps implements AutoCloseable {

    /** Closed timestamps off (no settle window, or a store with a clock of its own): bookmarks trail by the settle window. */
    static final ClosedTimestamps OFF = new ClosedTimestamps();

    /** Holds of stores that take no part: released at once, never closed, so never a floor. */
    private static final OpenStamps UNTRACKED = new OpenStamps(() -> Long.MIN_VALUE);
    private static final Logger LOG = LoggerFactory.getLogger(ClosedTimestamps.class);
    private static final String SCOPE = "writers";
    private static final long NEVER = Long.MIN_VALUE;

    /** What the last read of every node's row found. */
    private record Reading(long startedNanos, long lowestClosed) {
    }

    private final UUID writer = UUID.randomUUID();
    private final MicrosClock clock;
    private final OpenStamps stamps;
    private final CqlSession session;
    private final PreparedStatement publish;
    private final PreparedStatement readAll;
    private final PreparedStatement withdraw;
    private final long intervalNanos;
    private final long leaseNanos;
    private final long skewNanos;
    private final long settleNanos;
    private final int ttlSeconds;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean publishing = new AtomicBoolean();
    private final AtomicBoolean reading = new AtomicBoolean();

    /** When the last acknowledged write of this node's row was sent. */
    private volatile long confirmedNanos = NEVER;
    /** No stamp before this: {@code maxClockSkew} after the row was (re)written. */
    private volatile long stampFromNanos = Long.MAX_VALUE;
    private volatile Reading lastReading;
    private volatile boolean closed;

    private ClosedTimestamps() {
        this.clock = null;
        this.stamps = null;
        this.session = null;
        this.publish = null;
        this.readAll = null;
        this.withdraw = null;
        this.intervalNanos = 0;
        this.leaseNanos = 0;
        this.skewNanos = 0;
        this.settleNanos = 0;
        this.ttlSeconds = 0;
        this.timer = null;
    }

    private ClosedTimestamps(CqlSession session, CassandraStoreConfig config, MicrosClock clock) {
        this.clock = clock;
        this.stamps = new OpenStamps(clock);
        this.session = session;
        Preparers prepare = Preparers.of(session, config);
        String table = config.getKeyspace() + ".closed_timestamps";
        this.publish = prepare.writing("INSERT INTO " + table + " (scope, writer, closed) VALUES ('" + SCOPE + "', ?, ?) USING TTL ?");
        this.readAll = prepare.reading("SELECT closed FROM " + table + " WHERE scope = '" + SCOPE + "'");
        this.withdraw = prepare.writing("DELETE FROM " + table + " WHERE scope = '" + SCOPE + "' AND writer = ?");
        this.intervalNanos = config.getClosedTimestampInterval().toNanos();
        this.settleNanos = config.getSettleWindow().toNanos();
        this.leaseNanos = settleNanos;
        this.skewNanos = config.getMaxClockSkew().toNanos();
        this.ttlSeconds = (int) Duration.ofNanos(leaseNanos + settleNanos + skewNanos).toSeconds() + 3;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("k2store-closed-timestamps-%d").setDaemon(true).build());
    }

    /**
     * This node's closed timestamps, on when the configuration asks for a settle window and an
     * interval. Writes this node's row once before returning (blocks: call at start-up).
     */
    static ClosedTimestamps start(CqlSession session, CassandraStoreConfig config, MicrosClock clock, VisibilityBudget budget) {
        if (config.getClosedTimestampInterval().isZero() || config.getSettleWindow().isZero() || budget.isUnlimited()) {
            return OFF;
        }
        ClosedTimestamps closedTimestamps = new ClosedTimestamps(session, config, clock);
        closedTimestamps.publishNow().toCompletableFuture().join();
        closedTimestamps.readNow().toCompletableFuture().join();
        long interval = closedTimestamps.intervalNanos;
        closedTimestamps.timer.scheduleWithFixedDelay(closedTimestamps::tick, interval, interval, TimeUnit.NANOSECONDS);
        return closedTimestamps;
    }

    boolean isOn() {
        return stamps != null;
    }

    /** Whether a store stamping with {@code storeClock} takes part: only with this node's own clock. */
    ClosedTimestamps forClock(MicrosClock storeClock) {
        return storeClock == clock ? this : OFF;
    }

    /** Completes when this node may stamp ops; fails (store unavailable) while its row is not being written. */
    CompletableFuture<Void> whenMayStamp() {
        if (!isOn()) {
            return CompletableFuture.completedFuture(null);
        }
        long now = System.nanoTime();
        long confirmed = confirmedNanos;
        if (closed || confirmed == NEVER || now - confirmed > leaseNanos) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("this service node could not publish its closed timestamp for "
                    + Duration.ofNanos(leaseNanos).toSeconds() + " s, so it cannot take writes that other nodes' readers would see in time", null));
        }
        long wait = stampFromNanos - now;
        if (wait <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, timer));
    }

    /** Reserves {@code count} stamps, held against the closed timestamp until {@link #finished} is told. */
    OpenStamps.Hold reserve(StoredAtSequence sequence, int count) {
        // Off, a hold in a set that nothing closes: the write path is the same either way.
        return (isOn() ? stamps : UNTRACKED).reserve(sequence, count);
    }

    /** The batch under {@code hold} ended: its ops are visible, or (on failure) cannot be once the settle window has passed. */
    void finished(OpenStamps.Hold hold, boolean succeeded) {
        if (succeeded || !isOn() || closed) {
            hold.release();
            return;
        }
        try {
            timer.schedule(hold::release, settleNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            hold.release();
        }
    }

    /**
     * The time before which no node may still make an op visible, as far as the last read knows, for
     * a call that started at {@code callStart} (this node's clock); Long.MIN_VALUE when unknown.
     */
    long safeMicros(long callStart) {
        Reading last = lastReading;
        if (last == null) {
            return Long.MIN_VALUE;
        }
        long sinceRead = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - last.startedNanos());
        return Math.min(callStart - sinceRead, last.lowestClosed());
    }

    private void tick() {
        if (closed) {
            return;
        }
        if (publishing.compareAndSet(false, true)) {
            publishNow().whenComplete((ok, error) -> publishing.set(false));
        }
        if (reading.compareAndSet(false, true)) {
            readNow().whenComplete((ok, error) -> reading.set(false));
        }
    }

    private CompletionStage<Void> publishNow() {
        long closedAt = stamps.close();
        long sent = System.nanoTime();
        return session.executeAsync(publish.bind(writer, closedAt, ttlSeconds)).thenAccept(done -> {
            long before = confirmedNanos;
            if (before == NEVER || sent - before > leaseNanos) {
                // Readers may have read no row of this node since it lapsed: wait out the skew first.
                stampFromNanos = System.nanoTime() + skewNanos;
            }
            if (before == NEVER || sent > before) {
                confirmedNanos = sent;
            }
        }).exceptionally(error -> {
            LOG.debug("closed timestamp not published this time: {}", error.toString());
            return null;
        });
    }

    private CompletionStage<Void> readNow() {
        long started = System.nanoTime();
        return session.executeAsync(readAll.bind()).thenCompose(page -> lowest(page, Long.MAX_VALUE)).thenAccept(lowest -> {
            Reading before = lastReading;
            if (before == null || started > before.startedNanos()) {
                lastReading = new Reading(started, lowest);
            }
        }).exceptionally(error -> {
            LOG.debug("closed timestamps not read this time: {}", error.toString());
            return null;
        });
    }

    private static CompletionStage<Long> lowest(AsyncResultSet page, long sofar) {
        long lowest = sofar;
        for (Row row : page.currentPage()) {
            lowest = Math.min(lowest, row.getLong("closed"));
        }
        if (!page.hasMorePages()) {
            return CompletableFuture.completedFuture(lowest);
        }
        long carried = lowest;
        return page.fetchNextPage().thenCompose(next -> lowest(next, carried));
    }

    /** Stops publishing; removes this node's row when no batch still holds it (else the TTL does). Blocks. */
    @Override
    public void close() {
        if (!isOn() || closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        if (stamps.holds() == 0) {
            try {
                session.executeAsync(withdraw.bind(writer)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("closed timestamp row left to expire: {}", e.toString());
            }
        }
    }
}
