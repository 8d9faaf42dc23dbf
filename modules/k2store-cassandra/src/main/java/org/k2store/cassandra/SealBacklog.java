package org.k2store.cassandra;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coarse created_at partitions this process wrote index rows to, sealed in the background once
 * their time has settled ({@code sealAfter}) and no write of this process touched them for
 * {@code sealQuiet}. Without it a partition is sealed by the first query that reads it whole, and
 * that first query pays the row-by-row read (a FULL-arc slice at 10^6 ops: 27 ms instead of 7).
 *
 * <p>Background work must not crowd out callers: one partition is sealed at a time per process,
 * on this backlog's own thread, so it never holds more than one scan's pages in flight. A partition
 * touched again while waiting moves to the back of the line, so one that late ops keep touching is
 * read at most once per quiet spell. Bounded: past {@code sealBacklog} waiting partitions a newly
 * touched one is not tracked (counted as dropped), and its first whole read seals it as before.
 * A partition another service node wrote to is that node's to seal; a dropped space is skipped.
 */
final class SealBacklog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SealBacklog.class);
    /** Longest wait for one partition's seal; a partition is at most sealedPartitionMaxBytes of pages. */
    private static final long SEAL_TIMEOUT_SECONDS = 120;

    /** A partition waiting for its seal. */
    record Waiting(UUID space, PartitionKey key) {
    }

    /** What the backlog did so far, for the service's metrics. */
    record Figures(int waiting, long sealed, long dropped, long failed) {
    }

    /** Who wrote last, and when: the space (to check it still exists) and the store's sealing rules. */
    private record Touch(SpaceHandle space, SealedSlices slices, long atMicros) {
    }

    private final int capacity;
    private final long quietMicros;
    private final LongSupplier wallMicros;
    /** Whether a space still exists under its uid: a dropped one's partitions are purged, not sealed. */
    private final Function<SpaceHandle, CompletableFuture<Boolean>> live;
    /** In the order last touched: the front has been quiet longest. Guarded by this. */
    private final LinkedHashMap<Waiting, Touch> waiting = new LinkedHashMap<>();
    private final AtomicLong sealed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ScheduledExecutorService thread;
    /** True while a step seals; guarded by this. */
    private boolean busy;

    private SealBacklog(int capacity, Duration quiet, LongSupplier wallMicros, Function<SpaceHandle, CompletableFuture<Boolean>> live,
            ScheduledExecutorService thread) {
        this.capacity = capacity;
        this.quietMicros = quiet.toNanos() / 1_000;
        this.wallMicros = wallMicros;
        this.live = live;
        this.thread = thread;
    }

    /** A backlog stepping once a second on its own daemon thread; with capacity 0 it tracks nothing and never runs. */
    static SealBacklog start(CassandraStoreConfig config, Function<SpaceHandle, CompletableFuture<Boolean>> live) {
        int capacity = config.getSealedPartitionMaxBytes() == 0 ? 0 : config.getSealBacklog();
        if (capacity == 0) {
            return new SealBacklog(0, config.getSealQuiet(), SealBacklog::wallMicros, live, null);
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("k2store-sealer-%d").setDaemon(true).build());
        SealBacklog backlog = new SealBacklog(capacity, config.getSealQuiet(), SealBacklog::wallMicros, live, thread);
        thread.scheduleWithFixedDelay(backlog::step, 1, 1, TimeUnit.SECONDS);
        return backlog;
    }

    private static long wallMicros() {
        return System.currentTimeMillis() * 1_000; // the clock of write times, which seals are stamped with
    }

    /** {@code keys} of {@code space} got index rows written by this process just now. */
    void touched(SpaceHandle space, SealedSlices slices, Collection<PartitionKey> keys) {
        if (capacity == 0 || keys.isEmpty()) {
            return;
        }
        Touch touch = new Touch(space, slices, wallMicros.getAsLong());
        synchronized (this) {
            for (PartitionKey key : keys) {
                if (!slices.sealable(space.uid(), key)) {
                    continue;
                }
                Waiting partition = new Waiting(space.uid(), key);
                if (waiting.remove(partition) == null && waiting.size() >= capacity) {
                    dropped.incrementAndGet();
                    continue;
                }
                waiting.put(partition, touch);
            }
        }
    }

    /** Seals every waiting partition that is ready now, one after another. */
    void step() {
        long now = wallMicros.getAsLong();
        List<Map.Entry<Waiting, Touch>> ready = new ArrayList<>();
        synchronized (this) {
            if (busy) {
                return;
            }
            for (Iterator<Map.Entry<Waiting, Touch>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Waiting, Touch> entry = it.next();
                Touch touch = entry.getValue();
                if (touch.atMicros() > now - quietMicros) {
                    break; // everything after it was touched later still
                }
                if (touch.slices().settledAt(entry.getKey().key()) <= now) {
                    ready.add(Map.entry(entry.getKey(), touch));
                    it.remove();
                }
            }
            busy = !ready.isEmpty();
        }
        try {
            Map<UUID, Boolean> spaces = new HashMap<>();
            for (Map.Entry<Waiting, Touch> entry : ready) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                seal(entry.getKey(), entry.getValue(), spaces);
            }
        } finally {
            synchronized (this) {
                busy = false;
                notifyAll();
            }
        }
    }

    private void seal(Waiting partition, Touch touch, Map<UUID, Boolean> spaces) {
        try {
            Boolean exists = spaces.get(partition.space());
            if (exists == null) {
                exists = live.apply(touch.space()).get(SEAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                spaces.put(partition.space(), exists);
            }
            if (exists && touch.slices().sealable(partition.space(), partition.key())
                    && touch.slices().sealWhole(partition.space(), partition.key()).get(SEAL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                sealed.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Left to its first whole read, which seals it as before.
            failed.incrementAndGet();
            LOG.debug("background seal of {} failed", partition, e);
        }
    }

    /**
     * Waits (at most {@code limit}) until no partition whose time has settled is waiting or being
     * sealed, quiet spells included; true when it got there.
     */
    boolean awaitSettled(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (this) {
            while (busy || anySettled()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                wait(Math.min(left, 200));
            }
            return true;
        }
    }

    private boolean anySettled() {
        long now = wallMicros.getAsLong();
        return waiting.entrySet().stream().anyMatch(e -> e.getValue().slices().settledAt(e.getKey().key()) <= now);
    }

    synchronized Figures figures() {
        return new Figures(waiting.size(), sealed.get(), dropped.get(), failed.get());
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
