package org.k2store.bench.target;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The raw baseline's concurrency: at most {@code cap} async tasks in flight, results in task order.
 * Never blocks; a finishing task starts the next from its callback, and the first failure fails all.
 */
final class CappedFanOut {

    private CappedFanOut() {
    }

    static <T> CompletableFuture<List<T>> all(List<Supplier<CompletableFuture<T>>> tasks, int cap) {
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
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable[] start = new Runnable[1];
        start[0] = () -> {
            int index = next.getAndIncrement();
            if (index >= size || failed.get()) {
                return;
            }
            tasks.get(index).get().whenComplete((value, error) -> {
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
                    start[0].run();
                }
            });
        };
        for (int i = 0; i < Math.min(cap, size); i++) {
            start[0].run();
        }
        return done;
    }
}
