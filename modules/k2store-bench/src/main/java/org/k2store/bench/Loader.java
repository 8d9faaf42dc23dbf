package org.k2store.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.bench.data.Dataset;
import org.k2store.bench.data.GeneratedOp;
import org.k2store.bench.report.Progress;

/**
 * Loads a data set into every loading target at once, through {@code process_incoming_ops}. Ops go in
 * time order, in arrival batches: the ops created in one 10-minute window (at most 100), sent with the
 * clock at the window's end, so each op's stored_at follows its created_at as on a node that got it
 * then. Each store has its own cap of ops in flight (Cassandra's bounds the load, and is the
 * concurrency the library is driven with); the others keep up meanwhile.
 *
 * <p>A store that reads the clock later (after an async step, or from a queue) stamps an op a little
 * after its window; over the last {@value #EXACT_TAIL_HOURS} hours of the data the loader waits for every
 * batch before the next, so the recent stored_at values that gossip pages read are exact in every store.
 */
public final class Loader {

    static final long ARRIVAL_WINDOW = 10L * 60 * 1_000_000;
    static final int MAX_BATCH = 100;
    static final long EXACT_TAIL_HOURS = 6;
    static final int RETRIES = 5;

    private final BenchClock clock;
    private final Progress progress;
    private final int opsInFlight;

    public Loader(BenchClock clock, Progress progress, int opsInFlight) {
        this.clock = clock;
        this.progress = progress;
        this.opsInFlight = opsInFlight;
    }

    /** Blocks until every store holds the data set; then puts the clock back on the system time. */
    public void load(String what, Dataset data, Map<String, OpStore> stores) {
        Map<String, Semaphore> permits = new LinkedHashMap<>();
        Map<String, AtomicLong> done = new LinkedHashMap<>();
        stores.keySet().forEach(name -> {
            permits.put(name, new Semaphore(opsInFlight));
            done.put(name, new AtomicLong());
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long begin = System.nanoTime();
        long next = 0;
        GeneratedOp pending = null;
        while (next < data.count() || pending != null) {
            List<GeneratedOp> batch = new ArrayList<>(MAX_BATCH);
            if (pending == null) {
                pending = data.op(next++);
            }
            long window = Math.floorDiv(pending.createdAt(), ARRIVAL_WINDOW);
            while (pending != null && batch.size() < MAX_BATCH && Math.floorDiv(pending.createdAt(), ARRIVAL_WINDOW) == window) {
                batch.add(pending);
                pending = next < data.count() ? data.op(next++) : null;
            }
            long arrival = Math.min((window + 1) * ARRIVAL_WINDOW, data.endMicros());
            boolean exact = arrival > data.endMicros() - EXACT_TAIL_HOURS * 3_600_000_000L;
            if (exact) {
                drain(permits.values());
            }
            clock.simulate(arrival);
            List<byte[]> encoded = batch.stream().map(GeneratedOp::encoded).toList();
            for (Map.Entry<String, OpStore> store : stores.entrySet()) {
                Semaphore cap = permits.get(store.getKey());
                cap.acquireUninterruptibly(batch.size());
                AtomicLong count = done.get(store.getKey());
                send(store.getValue(), encoded, RETRIES).whenComplete((ids, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    count.addAndGet(batch.size());
                    cap.release(batch.size());
                });
            }
            if (failure.get() != null) {
                break;
            }
            long slowest = done.values().stream().mapToLong(AtomicLong::get).min().orElse(0);
            progress.step("loading " + what + " (" + String.join(", ", stores.keySet()) + ")", slowest, data.count(), begin);
        }
        drain(permits.values());
        clock.live();
        if (failure.get() != null) {
            throw new IllegalStateException("loading " + what + " failed: " + failure.get(), failure.get());
        }
        progress.step("loaded " + what, data.count(), data.count(), begin);
    }

    /**
     * Sends a batch, sending it again when it fails (a write timing out on a busy shared machine):
     * storing ops again is harmless by contract (the first record wins, unfinished indexing is repaired).
     */
    private static CompletableFuture<List<OpId>> send(OpStore store, List<byte[]> batch, int retries) {
        return store.processIncomingOps(batch).handle((ids, error) -> error == null || retries == 0
                        ? (error == null ? CompletableFuture.completedFuture(ids) : CompletableFuture.<List<OpId>>failedFuture(error))
                        : later(RETRIES - retries + 1).thenCompose(ignored -> send(store, batch, retries - 1)))
                .thenCompose(next -> next);
    }

    /** Completes after 2^attempt seconds, without holding a thread: time for a dropped connection to come back. */
    private static CompletableFuture<Void> later(int attempt) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(1L << attempt, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** Waits until no store has an op in flight. */
    private void drain(Iterable<Semaphore> caps) {
        for (Semaphore cap : caps) {
            cap.acquireUninterruptibly(opsInFlight);
            cap.release(opsInFlight);
        }
    }
}
