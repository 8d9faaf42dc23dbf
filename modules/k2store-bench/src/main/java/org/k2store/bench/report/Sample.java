package org.k2store.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.k2store.bench.QueryCosts;

/**
 * Times one kind of call on several targets, one call at a time and interleaved (sample i on every
 * target, then sample i+1), so that background work on the shared machine (compactions, other
 * processes) lands on every target alike instead of on whichever ran first. A few warm-up calls per
 * target come first. A call returns the size of its answer; when a target reports query costs they
 * are read after each of its timed calls, so partitions and pages are per call.
 */
public final class Sample {

    /** One target's side of an interleaved measurement. */
    public record Probe(String target, Optional<QueryCosts> costs, IntToLongFunction call) {
    }

    private final LatencyStats latency;
    private final double meanAnswer;
    private final double partitions;
    private final double pages;

    private Sample(LatencyStats latency, double meanAnswer, double partitions, double pages) {
        this.latency = latency;
        this.meanAnswer = meanAnswer;
        this.partitions = partitions;
        this.pages = pages;
    }

    /**
     * Runs {@code samples} timed calls per probe, interleaved, in a random order per sample; each call gets its sample number (warm-ups are numbered after
     * the timed ones). Answers each target's sample, by target name.
     */
    /** A uniformly random order of 0 .. n-1 (Fisher-Yates). */
    static int[] order(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    public static Map<String, Sample> interleaved(int warmup, int samples, List<Probe> probes) {
        for (Probe probe : probes) {
            for (int i = 0; i < warmup; i++) {
                probe.call().applyAsLong(samples + i);
            }
        }
        int n = probes.size();
        long[][] nanos = new long[n][samples];
        long[] answers = new long[n];
        long[] partitions = new long[n];
        long[] pages = new long[n];
        long[] queries = new long[n];
        Random shuffle = new Random(31L * samples + n); // seeded: every run uses the same orders
        for (int i = 0; i < samples; i++) {
            // Targets that share data read the same partition in one sample: the first pays the cold
            // read (Cassandra's chunk cache, the page cache) for all. A random order per sample makes
            // each target the first of any group sharing data equally often. A rotation does not: of
            // three neighbours in a rotation of seven, the first leads the three in five samples of seven.
            int[] order = order(n, shuffle);
            for (int turn = 0; turn < n; turn++) {
                int p = order[turn];
                Probe probe = probes.get(p);
                probe.costs().ifPresent(QueryCosts::reset);
                long begin = System.nanoTime();
                answers[p] += probe.call().applyAsLong(i);
                nanos[p][i] = System.nanoTime() - begin;
                if (probe.costs().isPresent()) {
                    partitions[p] += probe.costs().get().partitions();
                    pages[p] += probe.costs().get().pages();
                    queries[p] += probe.costs().get().queries();
                }
            }
        }
        Map<String, Sample> byTarget = new LinkedHashMap<>();
        double count = Math.max(1, samples);
        for (int p = 0; p < n; p++) {
            boolean costed = queries[p] > 0;
            byTarget.put(probes.get(p).target(), new Sample(LatencyStats.ofNanos(nanos[p]), answers[p] / count,
                    costed ? partitions[p] / count : Double.NaN, costed ? pages[p] / count : Double.NaN));
        }
        return byTarget;
    }

    public ResultRow row(String workload, String caseName, long storedOps, String target) {
        return ResultRow.latency(workload, caseName, storedOps, target, latency, meanAnswer, partitions, pages);
    }

    public LatencyStats latency() {
        return latency;
    }
}
