package org.k2store.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.k2store.api.OpStore;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.PerWriterStore;
import org.k2store.bench.data.Dataset;
import org.k2store.bench.report.IngestRow;
import org.k2store.bench.report.LatencyStats;
import org.k2store.bench.report.Progress;

/**
 * The ingest sweep: process_incoming_ops with batches of 1 and 100 new 512 B ops, from 1 and 16
 * concurrent writers (and 64 for the service targets), each writer a thread calling in a closed loop
 * (one call outstanding per writer). Every case runs for a fixed time per target after a short
 * untimed warm-up, target after target (case-major, so drift on the shared machine falls on all
 * targets of a case alike). Throughput is the ops of the calls acknowledged within the timed window,
 * over its length; p50/p99 are of those calls. Every call sends ops never sent before to that store;
 * each target writes into a fresh space of its own. Ops are generated before each call's clock starts.
 * <p>
 * Before the first case every target is warmed (small batches, then rounds of full batches from 16
 * writers until two rounds in a row agree within 5%, at most {@link #MAX_WARM_ROUNDS}; the service at
 * least {@link #SERVICE_WARM_NANOS} of them), and before every
 * case the node is let settle: a fresh service runs its first ~15,000 calls 3-5x slower (JIT), and a
 * case measured while the node still flushes and compacts what the previous case wrote measures
 * that background work, not the target (both seen: 1-writer p50 5 ms cold vs 2.2 ms warm and idle).
 */
public final class IngestSweep {

    public static final int OP_SIZE = 512;
    public static final List<Integer> BATCHES = List.of(1, 100);
    public static final List<Integer> WRITERS = List.of(1, 16);
    public static final int SERVICE_WRITERS = 64;
    public static final Set<String> SERVICE_TARGETS = Set.of("http", "http-lean");
    private static final long CALL_TIMEOUT_SECONDS = 60;
    /**
     * Warm-up rounds at most per target. A fresh service JVM compiles for minutes: the README's
     * service went from 2,500 to 6,600 ops/s over its first 3 minutes of 100-op batches (2026-12-06),
     * so a fixed short warm-up measured its JIT, not the service, while the in-process targets were
     * already warm from the targets before them.
     */
    static final int MAX_WARM_ROUNDS = 12;
    /** Full-batch warm-up a service target gets at least: it kept gaining for about a minute and a half. */
    static final long SERVICE_WARM_NANOS = 90_000_000_000L;

    private final double seconds;
    private final long seed;
    private final Progress progress;
    private final Runnable settle;

    /** {@code settle} waits (bounded) until the node has no background work left; run before each case. */
    public IngestSweep(double seconds, long seed, Progress progress, Runnable settle) {
        this.seconds = seconds;
        this.seed = seed;
        this.progress = progress;
        this.settle = settle;
    }

    /** The writer counts a target is measured with. */
    public static List<Integer> writers(String target) {
        List<Integer> writers = new ArrayList<>(WRITERS);
        if (SERVICE_TARGETS.contains(target)) {
            writers.add(SERVICE_WRITERS);
        }
        return writers;
    }

    /** Runs every case on every store (by target, in order); answers one row per case and target. */
    public List<IngestRow> run(Map<BenchTarget, OpStore> stores, long nowMicros) {
        boolean serviceWarmed = false;
        for (Map.Entry<BenchTarget, OpStore> entry : stores.entrySet()) {
            // Other seeds than the measured cases', so no measured call finds its ops already stored.
            runCase(entry.getKey().name(), entry.getValue(), 1, 16, nowMicros, seed + 1);
            // The service runs in a JVM of its own that the in-process targets do not warm: the first
            // service target gets a minimum (the others call the same, by then warm, process).
            boolean service = SERVICE_TARGETS.contains(entry.getKey().name());
            long warmUntil = System.nanoTime() + (service && !serviceWarmed ? SERVICE_WARM_NANOS : 0);
            serviceWarmed |= service;
            int rounds = 0;
            double previous = 0;
            double latest = 0;
            while (rounds < MAX_WARM_ROUNDS) {
                rounds++;
                latest = runCase(entry.getKey().name(), entry.getValue(), 100, 16, nowMicros, seed + 1 + rounds).opsPerSecond();
                if (steady(previous, latest) && System.nanoTime() >= warmUntil) {
                    break;
                }
                previous = latest;
            }
            progress.say(String.format(Locale.ROOT, "  ingest warm-up done: %s (%d rounds of batch 100 x 16, last %.0f ops/s)",
                    entry.getKey().name(), rounds, latest));
        }
        List<IngestRow> rows = new ArrayList<>();
        List<Integer> allWriters = new ArrayList<>(WRITERS);
        allWriters.add(SERVICE_WRITERS);
        for (int batch : BATCHES) {
            for (int writers : allWriters) {
                for (Map.Entry<BenchTarget, OpStore> entry : stores.entrySet()) {
                    String name = entry.getKey().name();
                    if (!writers(name).contains(writers)) {
                        continue;
                    }
                    settle.run();
                    IngestRow row = runCase(name, entry.getValue(), batch, writers, nowMicros, seed);
                    rows.add(row);
                    progress.say(String.format(Locale.ROOT, "  ingest %-30s %-16s %9.0f ops/s  p50 %8.2f ms  p99 %8.2f ms  errors %d%s",
                            row.caseName(), name, row.opsPerSecond(), row.latency().p50Ms(), row.latency().p99Ms(), row.errors(),
                            row.firstError().isEmpty() ? "" : " (" + row.firstError() + ")"));
                }
            }
        }
        return rows;
    }

    /** Two warm-up rounds in a row within 5% of each other: the JIT and the caches have settled. */
    static boolean steady(double previous, double latest) {
        return previous > 0 && Math.abs(latest - previous) <= 0.05 * previous;
    }

    private IngestRow runCase(String target, OpStore store, int batch, int writers, long nowMicros, long seed) {
        double warmup = Math.min(1.0, seconds / 4);
        long timedFrom = System.nanoTime() + (long) (warmup * 1e9);
        long deadline = timedFrom + (long) (seconds * 1e9);
        ClosedLoop.Outcome outcome = ClosedLoop.run("ingest-" + target, writers, w -> {
            // Same seeds on every target (each writes into its own space), distinct per case and writer.
            Dataset data = new Dataset(seed * 1_000_003L + batch * 1_009L + writers * 101L + w, 100_000_000L, nowMicros - 3_600_000_000L,
                    3_600_000_000L, OP_SIZE, OP_SIZE);
            return new Writer(store, data, batch);
        }, timedFrom, deadline);
        // Throughput over the timed window: the ops of the calls that were acknowledged within it.
        double elapsed = (deadline - timedFrom) / 1e9;
        double acked = (double) outcome.latencies().length * batch;
        return new IngestRow(target, batch, writers, OP_SIZE, elapsed, outcome.calls(), outcome.errors(), acked / elapsed,
                LatencyStats.ofNanos(outcome.latencies()), outcome.firstError());
    }

    /** One writer: new ops for every call, generated before the call's clock starts; a connection of its own where the store wants one. */
    private static final class Writer implements ClosedLoop.Caller {

        private final OpStore shared;
        private final OpStore store;
        private final Dataset data;
        private final int batch;
        private long next;
        private List<byte[]> call;

        Writer(OpStore shared, Dataset data, int batch) {
            this.shared = shared;
            this.store = shared instanceof PerWriterStore perWriter ? perWriter.forWriter() : shared;
            this.data = data;
            this.batch = batch;
        }

        @Override
        public void prepare() {
            call = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                call.add(data.op(next++).encoded());
            }
        }

        @Override
        public void call() throws Exception {
            store.processIncomingOps(call).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            if (store != shared && store instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // the connection goes anyway
                }
            }
        }
    }
}
