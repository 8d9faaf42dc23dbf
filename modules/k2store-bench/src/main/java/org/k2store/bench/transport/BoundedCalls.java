package org.k2store.bench.transport;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded executor a blocking library runs on so its caller never blocks: as many threads as
 * calls may be in flight, and a bounded queue behind them, as the client itself would hold them.
 */
final class BoundedCalls implements AutoCloseable {

    /** A blocking exchange; its exception fails the call's future. */
    @FunctionalInterface
    interface Blocking {
        byte[] run() throws Exception;
    }

    private final ThreadPoolExecutor threads;

    BoundedCalls(String name, int maxInFlight) {
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(maxInFlight, maxInFlight, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4 * maxInFlight),
                task -> {
                    Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
    }

    CompletableFuture<byte[]> submit(Blocking exchange) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                result.complete(exchange.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
