package org.k2store.server.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs {@code count} async reads with at most {@code cap} in flight and collects their answers in
 * index order. Never blocks: each finished read starts the next one from its callback (a cheap
 * bind-and-send, fine on a driver thread). The first failure stops further reads and fails the
 * whole. The console's 512 per-sector reads go through here so one page view cannot put 512
 * requests on the cluster at once.
 */
final class CappedFanOut {

    private CappedFanOut() {
    }

    static <T> CompletableFuture<List<T>> run(int count, int cap, IntFunction<CompletableFuture<T>> read) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1: " + cap);
        }
        CompletableFuture<List<T>> done = new CompletableFuture<>();
        if (count == 0) {
            done.complete(List.of());
            return done;
        }
        List<T> answers = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, null)));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable[] worker = new Runnable[1];
        worker[0] = () -> {
            int index = next.getAndIncrement();
            if (index >= count || failed.get()) {
                return;
            }
            CompletableFuture<T> future;
            try {
                future = read.apply(index);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            // whenCompleteAsync on an already finished future would recurse on this stack; the common
            // pool hop keeps a run of instant answers from growing it.
            future.whenCompleteAsync((value, error) -> {
                if (error != null) {
                    if (failed.compareAndSet(false, true)) {
                        done.completeExceptionally(error);
                    }
                    return;
                }
                answers.set(index, value);
                if (finished.incrementAndGet() == count) {
                    done.complete(Collections.unmodifiableList(new ArrayList<>(answers)));
                } else {
                    worker[0].run();
                }
            });
        };
        for (int i = 0; i < Math.min(cap, count); i++) {
            worker[0].run();
        }
        return done;
    }
}
