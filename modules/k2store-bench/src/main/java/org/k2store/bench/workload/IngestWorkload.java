package org.k2store.bench.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Futures;
import org.k2store.bench.Workload;
import org.k2store.bench.data.Dataset;
import org.k2store.bench.data.GeneratedOp;
import org.k2store.bench.report.LatencyStats;
import org.k2store.bench.report.ResultRow;

/**
 * Ingest: {@code process_incoming_ops} with batches of 1 and of 100 new ops of one size, for a fixed
 * time per target, with a fixed number of calls in flight (16 single-op calls, or 2 batches: about what a node
 * receiving from several peers sees). Each target stores into a fresh, empty space; every target gets
 * the same ops. Throughput counts ops whose call completed; MB/s counts op data (10^6 bytes).
 */
public final class IngestWorkload {

    /** One ingest case: op size and ops per call. */
    public record Case(int size, int batch) {

        public String label() {
            String bytes = size >= 1024 ? size / 1024 + " KiB" : size + " B";
            return "batch " + batch + ", " + bytes;
        }

        int inFlight() {
            return batch == 1 ? 16 : 2;
        }
    }

    public static final List<Case> CASES = List.of(new Case(512, 1), new Case(512, 100), new Case(4096, 1), new Case(4096, 100),
            new Case(65536, 1), new Case(65536, 100));

    private final double seconds;
    private final long seed;
    private final long generatedBytes;

    /** {@code generatedMib} caps the ops made per case (they are kept in memory while the case runs). */
    public IngestWorkload(double seconds, long seed, int generatedMib) {
        this.seconds = seconds;
        this.seed = seed;
        this.generatedBytes = (long) generatedMib << 20;
    }

    /** The ops of one case, made once and sent to every target (each stores into its own space). */
    public List<GeneratedOp> ops(Case c, long nowMicros) {
        int count = (int) Math.max(c.batch() * 4L, Math.min(120_000, generatedBytes / c.size()));
        Dataset data = new Dataset(seed * 31 + c.size() + c.batch(), count, nowMicros - 3_600_000_000L, 3_600_000_000L, c.size(), c.size());
        return data.ops(0, count);
    }

    /**
     * Runs one case on every target, in two passes of half the time each, forwards then backwards
     * through the targets (so drift on the shared machine falls on all alike); each pass sends its
     * own half of the ops, after a few untimed calls to warm up.
     */
    public List<ResultRow> run(Case c, List<GeneratedOp> ops, Map<BenchTarget, OpStore> stores) {
        List<List<byte[]>> calls = new ArrayList<>();
        for (int from = 0; from + c.batch() <= ops.size(); from += c.batch()) {
            calls.add(ops.subList(from, from + c.batch()).stream().map(GeneratedOp::encoded).toList());
        }
        int half = calls.size() / 2;
        int warmup = Math.min(half / 10, 2 * c.inFlight());
        List<BenchTarget> order = new ArrayList<>(stores.keySet());
        Map<BenchTarget, List<long[]>> latencies = new LinkedHashMap<>();
        Map<BenchTarget, Long> nanos = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            List<List<byte[]>> mine = pass == 0 ? calls.subList(0, half) : calls.subList(half, 2 * half);
            for (BenchTarget target : order) {
                OpStore store = stores.get(target);
                drive(store, mine.subList(0, warmup), c.inFlight(), Long.MAX_VALUE);
                long begin = System.nanoTime();
                long[] done = drive(store, mine.subList(warmup, mine.size()), c.inFlight(), begin + (long) (seconds * 500_000_000L));
                nanos.merge(target, System.nanoTime() - begin, Long::sum);
                latencies.computeIfAbsent(target, t -> new ArrayList<>()).add(done);
            }
            Collections.reverse(order);
        }
        List<ResultRow> rows = new ArrayList<>();
        for (BenchTarget target : stores.keySet()) {
            long[] all = latencies.get(target).stream().flatMapToLong(java.util.Arrays::stream).toArray();
            double elapsed = nanos.get(target) / 1e9;
            long opsDone = (long) all.length * c.batch();
            double opsPerSecond = opsDone / elapsed;
            rows.add(new ResultRow(Workload.INGEST.label(), c.label(), 0, target.name(), LatencyStats.ofNanos(all), opsPerSecond,
                    opsPerSecond * c.size() / 1e6, c.batch(), Double.NaN, Double.NaN,
                    String.format(Locale.ROOT, "%d calls in flight, %d ops in %.1f s", c.inFlight(), opsDone, elapsed)));
        }
        return rows;
    }

    /** Sends calls with at most {@code inFlight} outstanding until they run out or the deadline passes; answers their latencies. */
    private static long[] drive(OpStore store, List<List<byte[]>> calls, int inFlight, long deadline) {
        Semaphore permits = new Semaphore(inFlight);
        long[] latencies = new long[calls.size()];
        List<CompletableFuture<List<OpId>>> sent = new ArrayList<>();
        int count = 0;
        for (List<byte[]> call : calls) {
            if (System.nanoTime() > deadline) {
                break;
            }
            permits.acquireUninterruptibly();
            int index = count++;
            long begin = System.nanoTime();
            // Joined below through whenComplete's own future, so every latency is written before it is read.
            sent.add(store.processIncomingOps(call).whenComplete((ids, error) -> {
                latencies[index] = System.nanoTime() - begin;
                permits.release();
            }));
        }
        // A call that failed (a timeout on the busy shared machine) is counted, not fatal: the run goes on.
        long failed = sent.stream().map(f -> f.handle((ids, error) -> error != null)).map(Futures::join).filter(b -> b).count();
        if (failed > 0) {
            System.err.println("ingest: " + failed + " of " + count + " calls failed");
        }
        long[] done = new long[count];
        System.arraycopy(latencies, 0, done, 0, count);
        return done;
    }
}
