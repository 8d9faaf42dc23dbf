package org.k2store.bench.report;

import java.util.Locale;

/**
 * One row of the ingest sweep: a target, ops per call, concurrent writers; ops acknowledged per second
 * over the timed window, per-call p50/p99 (successful calls), and the calls that failed (non-2xx or an
 * exception; a failed call never aborts the case).
 */
public record IngestRow(String target, int batch, int writers, int opSize, double seconds, long calls, long errors, double opsPerSecond,
        LatencyStats latency, String firstError) {

    public String caseName() {
        return caseName(batch, opSize, writers);
    }

    public static String caseName(int batch, int opSize, int writers) {
        return String.format(Locale.ROOT, "batch %d, %d B, %d writer%s", batch, opSize, writers, writers == 1 ? "" : "s");
    }

    /** The same figure as a row of the main results (latest.*). */
    public ResultRow toResultRow() {
        return new ResultRow("ingest", caseName(), 0, target, latency, opsPerSecond, opsPerSecond * opSize / 1e6, batch, Double.NaN, Double.NaN,
                String.format(Locale.ROOT, "%d writers, %d calls in %.1f s, %d errors", writers, calls, seconds, errors));
    }
}
