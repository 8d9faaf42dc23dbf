package org.k2store.bench.report;

import java.util.Arrays;

/** Percentiles of a set of call durations, nearest-rank, in milliseconds. */
public record LatencyStats(int samples, double p50Ms, double p99Ms, double meanMs, double maxMs, double totalMs) {

    public static LatencyStats ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(sorted).sum() / 1e6;
        return new LatencyStats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), total / sorted.length,
                sorted[sorted.length - 1] / 1e6, total);
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
