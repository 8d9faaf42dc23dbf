package org.k2store.api.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void neverHasMoreThanTheCapInFlightAndKeepsTaskOrder() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Supplier<CompletableFuture<Integer>>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int value = i;
            tasks.add(() -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                CompletableFuture<Integer> done = new CompletableFuture<>();
                scheduler.schedule(() -> {
                    inFlight.decrementAndGet();
                    done.complete(value);
                }, 50 - value % 7, TimeUnit.MICROSECONDS);
                return done;
            });
        }
        List<Integer> results = FanOut.all(tasks, 4, scheduler).get(10, TimeUnit.SECONDS);
        assertThat(most.get()).isLessThanOrEqualTo(4).isGreaterThan(1);
        assertThat(results).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(results.get(i)).isEqualTo(i);
        }
    }

    @Test
    void manyInstantAnswersDoNotOverflowTheStack() throws Exception {
        List<Supplier<CompletableFuture<Integer>>> tasks = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            int value = i;
            tasks.add(() -> CompletableFuture.completedFuture(value));
        }
        assertThat(FanOut.all(tasks, 1, scheduler).get(30, TimeUnit.SECONDS)).hasSize(100_000);
    }

    @Test
    void theFirstFailureFailsTheWholeAndStopsStartingTasks() {
        AtomicInteger started = new AtomicInteger();
        List<Supplier<CompletableFuture<Integer>>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int value = i;
            tasks.add(() -> {
                started.incrementAndGet();
                return value == 3 ? CompletableFuture.failedFuture(new IllegalStateException("partition 3 failed"))
                        : CompletableFuture.supplyAsync(() -> value, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
            });
        }
        CompletableFuture<List<Integer>> all = FanOut.all(tasks, 2, scheduler);
        ExecutionException error = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> all.get(10, TimeUnit.SECONDS));
        assertThat(error.getCause()).hasMessage("partition 3 failed");
        assertThat(started.get()).isLessThan(20);
    }

    @Test
    void runByIndexStopsStartingTasksAfterTheFirstFailure() {
        List<Integer> started = new ArrayList<>();
        CompletableFuture<List<Integer>> all = FanOut.run(100, 1, index -> {
            synchronized (started) {
                started.add(index);
            }
            if (index == 2) {
                throw new IllegalStateException("read 2 failed"); // thrown, not returned: still fails the whole
            }
            return CompletableFuture.completedFuture(index);
        }, scheduler);
        ExecutionException error = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> all.get(10, TimeUnit.SECONDS));
        assertThat(error.getCause()).hasMessage("read 2 failed");
        synchronized (started) {
            assertThat(started).containsExactly(0, 1, 2);
        }
    }

    @Test
    void noTasksIsAnEmptyAnswerAndACapBelowOneIsRefused() throws Exception {
        assertThat(FanOut.<Integer>run(0, 4, index -> {
            throw new AssertionError("no task expected");
        }, scheduler).get()).isEmpty();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FanOut.run(3, 0, CompletableFuture::completedFuture, scheduler));
    }
}
