package org.k2store.bench.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Callers on threads of their own, each calling in a closed loop (one call outstanding) until a
 * deadline, the way a host's threads call its store. A call that ends before {@code timedFrom} is
 * warm-up; one that succeeds by the deadline is timed; one that fails after the warm-up is an error
 * wherever it ends, so no failure goes unseen. The ingest sweep and the callers sweep share it.
 */
final class ClosedLoop {

    /** One caller's calls: {@link #prepare} runs before the clock starts (building a batch), {@link #call} is timed. */
    interface Caller extends AutoCloseable {
        default void prepare() {
        }

        void call() throws Exception;

        @Override
        default void close() {
        }
    }

    /** The timed calls' durations (ns), the errors and the first error's text ("" when none). */
    record Outcome(long[] latencies, long errors, String firstError) {
        long calls() {
            return latencies.length + errors;
        }
    }

    private ClosedLoop() {
    }

    static Outcome run(String name, int callers, IntFunction<Caller> caller, long timedFrom, long deadline) {
        Loop[] loops = new Loop[callers];
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            loops[c] = new Loop(caller.apply(c), timedFrom, deadline);
            threads[c] = new Thread(loops[c], name + "-" + c);
            threads[c].setDaemon(true);
            threads[c].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        long errors = 0;
        String firstError = "";
        List<long[]> latencies = new ArrayList<>();
        for (Loop loop : loops) {
            errors += loop.errors;
            latencies.add(Arrays.copyOf(loop.latencies, loop.count));
            if (firstError.isEmpty() && loop.firstError != null) {
                firstError = loop.firstError;
            }
        }
        return new Outcome(latencies.stream().flatMapToLong(Arrays::stream).toArray(), errors, firstError);
    }

    private static final class Loop implements Runnable {

        private final Caller caller;
        private final long timedFrom;
        private final long deadline;
        long[] latencies = new long[1024];
        int count;
        long errors;
        String firstError;

        Loop(Caller caller, long timedFrom, long deadline) {
            this.caller = caller;
            this.timedFrom = timedFrom;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try (caller) {
                while (true) {
                    caller.prepare();
                    long begin = System.nanoTime();
                    if (begin >= deadline) {
                        return;
                    }
                    String error = null;
                    try {
                        caller.call();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (ExecutionException e) {
                        error = String.valueOf(e.getCause());
                    } catch (TimeoutException e) {
                        error = "no answer within the call's timeout";
                    } catch (Exception e) {
                        error = String.valueOf(e);
                    }
                    long end = System.nanoTime();
                    if (end < timedFrom) {
                        continue;
                    }
                    if (error != null) {
                        errors++;
                        if (firstError == null) {
                            firstError = error.length() > 160 ? error.substring(0, 160) : error;
                        }
                    } else if (end <= deadline) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = end - begin;
                    }
                }
            }
        }
    }
}
