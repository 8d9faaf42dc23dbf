package org.k2store.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends an attempt that outlives the request timeout while its answer streams in: the JDK client's
 * own timeout stops at the answer's headers, so a body that stalls would hold a call thread for
 * ever. The deadline interrupts the thread reading it, which the JDK's body stream turns into an
 * IOException (the attempt counts as unanswered). One timer thread per client; cancelled timers are
 * removed at once, so finished attempts leave nothing queued.
 */
final class AttemptDeadlines {

    private final ScheduledThreadPoolExecutor timer;
    private final Duration limit;

    AttemptDeadlines(String name, Duration limit) {
        this.limit = limit;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name + "-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts the deadline of the attempt the current thread runs. */
    Deadline start() {
        Deadline deadline = new Deadline(Thread.currentThread());
        deadline.timer = timer.schedule(deadline::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    void shutdown() {
        timer.shutdownNow();
    }

    /** The deadline of one attempt. */
    static final class Deadline {

        private final Thread thread;
        private ScheduledFuture<?> timer;
        private boolean ended;
        private boolean expired;

        private Deadline(Thread thread) {
            this.thread = thread;
        }

        private synchronized void expire() {
            if (!ended) {
                expired = true;
                thread.interrupt();
            }
        }

        /** Ends the attempt on its own thread; true when the deadline had passed (its interrupt is cleared). */
        boolean end() {
            timer.cancel(false);
            synchronized (this) {
                ended = true;
            }
            if (expired) {
                Thread.interrupted();
            }
            return expired;
        }
    }
}
