package org.k2store.api.async;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs async tasks with at most {@code cap} in flight and collects their results in task order.
 * Never blocks: a finishing task starts the next one from its own callback. On the first failure no
 * further task starts, and the returned future fails with that error. Every fan-out of k2store (the
 * store's partition reads and writes, the console's per-sector reads, the benchmark's raw baseline)
 * goes through here, so none can put an unbounded number of requests on the cluster.
 */
public final class FanOut {

    private FanOut() {
    }

    /** {@code count} tasks, task {@code i} started by {@code task.apply(i)}. */
    public static <T> CompletableFuture<List<T>> run(int count, int cap, IntFunction<CompletableFuture<T>> task, Executor executor) {
        List<Supplier<CompletableFuture<T>>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(() -> task.apply(index));
        }
        return all(tasks, cap, executor);
    }

    public static <T> CompletableFuture<List<T>> all(List<Supplier<CompletableFuture<T>>> tasks, int cap, Executor executor) {
        if (cap < 1) {
            throw new IllegalArgumentException("fan-out cap must be at least 1: " + cap);
        }
        CompletableFuture<List<T>> done = new CompletableFuture<>();
        int size = tasks.size();
        if (size == 0) {
            done.complete(List.of());
            return done;
        }
        List<T> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            results.add(null);
        }
        AtomicInteger nextTask = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int index = nextTask.getAndIncrement();
            if (index >= size || failed.get()) {
                return;
            }
            CompletableFuture<T> future;
            try {
                future = tasks.get(index).get();
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            // A task that is already done would start the next one on this stack; hop instead, so a
            // long list of instant answers cannot overflow the stack.
            BiConsumer<T, Throwable> onDone = (value, error) -> {
                if (error != null) {
                    if (failed.compareAndSet(false, true)) {
                        done.completeExceptionally(error);
                    }
                    return;
                }
                synchronized (results) {
                    results.set(index, value);
                }
                if (finished.incrementAndGet() == size) {
                    synchronized (results) {
                        done.complete(results);
                    }
                } else {
                    startNext[0].run();
                }
            };
            if (future.isDone()) {
                future.whenCompleteAsync(onDone, executor);
            } else {
                future.whenComplete(onDone);
            }
        };
        for (int i = 0; i < Math.min(cap, size); i++) {
            startNext[0].run();
        }
        return done;
    }
}
