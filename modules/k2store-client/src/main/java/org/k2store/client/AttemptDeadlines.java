package org.k2store.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends an attempt whose answer is still streaming in when the request timeout is up: the JDK
 * client's own timeout stops at the answer's headers, so a body that stalls would hold a call thread
 * for ever. The deadline closes the body stream, which fails the blocked read with an IOException
 * (the attempt counts as unanswered); interrupting the reader would not wake it. One timer thread per
 * client; cancelled timers are removed at once, so finished attempts leave nothing queued.
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

    /** Starts the deadline of an attempt. */
    Deadline start() {
        Deadline deadline = new Deadline();
        deadline.timer = timer.schedule(deadline::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    void shutdown() {
        timer.shutdownNow();
    }

    /** The deadline of one attempt. */
    static final class Deadline {

        private ScheduledFuture<?> timer;
        private InputStream body;
        private boolean ended;
        private boolean expired;

        private Deadline() {
        }

        private void expire() {
            InputStream open;
            synchronized (this) {
                if (ended) {
                    return;
                }
                expired = true;
                open = body;
            }
            close(open);
        }

        /** The answer's body, to be closed if the deadline passes while it is read. */
        void watch(InputStream answer) {
            boolean late;
            synchronized (this) {
                body = answer;
                late = expired;
            }
            if (late) {
                close(answer);
            }
        }

        /** Ends the attempt; true when the deadline had passed. */
        boolean end() {
            timer.cancel(false);
            synchronized (this) {
                ended = true;
                return expired;
            }
        }

        private static void close(InputStream open) {
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    // the reader fails either way
                }
            }
        }
    }
}
