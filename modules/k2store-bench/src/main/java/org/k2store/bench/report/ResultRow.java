package org.k2store.bench.report;

/**
 * One figure of the benchmark: a workload case, at a data size, on a target. Latencies are per call
 * (ms); throughput is for ingest; answer is the mean number of ids (or ops) a call returned;
 * partitions and pages are per call, for targets that report them. NaN means "not measured".
 */
public record ResultRow(String workload, String caseName, long storedOps, String target, LatencyStats latency,
        double opsPerSecond, double megabytesPerSecond, double meanAnswer, double partitions, double pages, String note) {

    public static ResultRow latency(String workload, String caseName, long storedOps, String target, LatencyStats latency,
            double meanAnswer, double partitions, double pages) {
        return new ResultRow(workload, caseName, storedOps, target, latency, Double.NaN, Double.NaN, meanAnswer, partitions, pages, "");
    }

    public ResultRow withNote(String text) {
        return new ResultRow(workload, caseName, storedOps, target, latency, opsPerSecond, megabytesPerSecond, meanAnswer, partitions, pages,
                text);
    }
}
