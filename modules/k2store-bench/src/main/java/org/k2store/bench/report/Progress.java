package org.k2store.bench.report;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines while the benchmark runs: elapsed time, what it is doing, and for long steps % done and ETA. */
public final class Progress {

    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastLine;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public synchronized void say(String message) {
        out.println("[" + clock(elapsedSeconds()) + "] " + message);
        out.flush();
    }

    /** At most one line every few seconds: {@code done} of {@code total} since {@code stepStartNanos}. */
    public synchronized void step(String what, long done, long total, long stepStartNanos) {
        long now = System.nanoTime();
        if (done < total && now - lastLine < 5_000_000_000L) {
            return;
        }
        lastLine = now;
        double seconds = (now - stepStartNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        long eta = done == 0 ? -1 : Math.round((total - done) / Math.max(rate, 1e-9));
        say(String.format(Locale.ROOT, "%s: %d/%d (%.0f%%), %.0f ops/s, ETA %s", what, done, total, 100.0 * done / total, rate,
                eta < 0 ? "?" : clock(eta)));
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
