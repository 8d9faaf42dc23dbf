package org.k2store.reliability.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.testkit.Ops;

/**
 * Sustained writes: one thread per store sends batches of distinct ops until stopped, and keeps
 * exactly the ids the service acknowledged. A batch that failed (after the client's retries) is
 * not acknowledged and promises nothing. With {@code resend}, every batch is sent a second time,
 * so the scenario also proves that a re-sent op is stored once.
 */
final class WriteLoad {

    final Set<OpId> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger failedBatches = new AtomicInteger();
    final AtomicInteger resent = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    WriteLoad(List<? extends OpStore> stores, int batchSize, boolean resend, long createdAtMicros) {
        for (int w = 0; w < stores.size(); w++) {
            OpStore store = stores.get(w);
            long writer = w;
            Thread thread = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    List<byte[]> batch = new ArrayList<>();
                    for (int i = 0; i < batchSize; i++, n++) {
                        long id = writer * 100_000_000L + n;
                        batch.add(Ops.memoryOp(id * 2_654_435_761L % (1L << 32), 64, createdAtMicros + id % 1_000_000, id));
                    }
                    send(store, batch);
                    if (resend && running.get()) {
                        resent.addAndGet(batch.size());
                        send(store, batch);
                    }
                }
            }, "writer-" + w);
            threads.add(thread);
            thread.start();
        }
    }

    private void send(OpStore store, List<byte[]> batch) {
        batches.incrementAndGet();
        try {
            acknowledged.addAll(store.processIncomingOps(batch).get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            failedBatches.incrementAndGet();
        }
    }

    /** Waits (bounded) until {@code more} further ops are acknowledged. */
    void awaitAcknowledged(int more, int seconds) throws InterruptedException {
        int target = acknowledged.size() + more;
        waitUntil(() -> acknowledged.size() >= target, seconds);
    }

    /** Stops the writers and waits for their last batch. */
    void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(2));
        }
    }

    static void waitUntil(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }
}
