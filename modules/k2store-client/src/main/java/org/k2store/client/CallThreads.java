package org.k2store.client;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's own threads, on which each call's HTTP exchange blocks (a blocking exchange is the
 * cheapest on the JDK client, see the module README), so no caller's thread ever does. Bounded both
 * ways: at most {@code maxConcurrent} exchanges run, at most {@code maxQueued} wait, and a call past
 * that is refused at once instead of piling up without limit. Idle threads end after a minute.
 */
final class CallThreads {

    private final ThreadPoolExecutor pool;
    private final int maxConcurrent;
    private final int maxQueued;

    CallThreads(String name, int maxConcurrent, int maxQueued) {
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
        BlockingQueue<Runnable> queue = maxQueued == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(maxQueued);
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 60, TimeUnit.SECONDS, queue, task -> {
            Thread thread = new Thread(task, name + "-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code exchange} on one of these threads; false when it is refused (all busy and the queue full, or shut down). */
    boolean offer(Runnable exchange) {
        try {
            pool.execute(exchange);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Why a call was refused, for its failure. */
    ServiceUnavailableException refusal(String call) {
        String why = pool.isShutdown() ? "this K2StoreClient is closed"
                : "this K2StoreClient already runs " + maxConcurrent + " calls and has " + maxQueued
                        + " waiting (builder maxConcurrentCalls, maxQueuedCalls)";
        return new ServiceUnavailableException(0, call + ": refused, " + why, null, null);
    }

    void shutdown() {
        pool.shutdownNow();
    }

    boolean isTerminated() {
        return pool.isTerminated();
    }
}
