package org.k2store.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most cap reads in flight, answers in index order, no new reads after a failure. */
class CappedFanOutTest {

    @Test
    void keepsAtMostCapInFlightAndAnswersInOrder() throws Exception {
        ScheduledExecutorService later = Executors.newScheduledThreadPool(4);
        try {
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CompletableFuture<List<Integer>> all = CappedFanOut.run(60, 3, index -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                CompletableFuture<Integer> read = new CompletableFuture<>();
                // Answers arrive later and out of order, on other threads, as the driver's would.
                later.schedule(() -> {
                    inFlight.decrementAndGet();
                    read.complete(index * 10);
                }, (index * 7) % 5, TimeUnit.MILLISECONDS);
                return read;
            });
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                expected.add(i * 10);
            }
            assertThat(all.get()).containsExactlyElementsOf(expected);
            assertThat(most.get()).isBetween(1, 3);
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void theFirstFailureFailsTheWholeAndStartsNoMoreReads() {
        List<Integer> started = new ArrayList<>();
        CompletableFuture<List<Integer>> all = CappedFanOut.run(100, 1, index -> {
            synchronized (started) {
                started.add(index);
            }
            return index == 2 ? CompletableFuture.failedFuture(new IllegalStateException("read 2 failed"))
                    : CompletableFuture.completedFuture(index);
        });
        assertThatThrownBy(all::get).isInstanceOf(ExecutionException.class).hasMessageContaining("read 2 failed");
        synchronized (started) {
            assertThat(started).containsExactly(0, 1, 2);
        }
    }

    @Test
    void noReadsIsAnEmptyAnswer() throws Exception {
        assertThat(CappedFanOut.<Integer>run(0, 4, index -> {
            throw new AssertionError("no read expected");
        }).get()).isEmpty();
    }
}
