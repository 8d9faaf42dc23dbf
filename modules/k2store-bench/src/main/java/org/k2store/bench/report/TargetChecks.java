package org.k2store.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.k2store.bench.workload.CallersSweep;
import org.k2store.bench.workload.ServerHeapProbe;

/**
 * The targets, checked against a run's figures. Latency comparisons use p50. "At 10^6" means
 * the largest data size of the run (the default run may stop below 10^6; the results say which).
 */
public final class TargetChecks {

    /** One target: what it asks, what was measured, and whether it holds (null: not measured). */
    public record Check(String target, String measured, Boolean met) {
        public String verdict() {
            return met == null ? "not measured" : met ? "met" : "MISSED";
        }
    }

    public static final String STORE = "cassandra";
    public static final String FANOUT_ONE = "cassandra-fanout1";
    public static final String RAW = "raw-driver";
    public static final String PLAIN_ONE = "plain-one-table";
    public static final String PLAIN_SAME = "plain-same-rows";
    public static final String LEAN = "http-lean";
    public static final String SQLITE = "sqlite-hc06";
    public static final String HTTP = "http";
    public static final double HEAP_CAP_MIB = 256;

    private TargetChecks() {
    }

    public static List<Check> evaluate(Results results) {
        List<Check> checks = new ArrayList<>();
        List<Long> tiers = results.tiers();
        long largest = tiers.isEmpty() ? 0 : tiers.get(tiers.size() - 1);
        long previous = tiers.size() < 2 ? 0 : tiers.get(tiers.size() - 2);
        String at = " at " + largest + " ops";

        checks.addAll(ingest(results));

        checks.add(ratio(results, "sector-slice", "sector, 128 h full slice", largest, SQLITE, STORE, 10,
                "sector full slice >= 10x faster than SQLite (0.6 indexes)" + at));
        Optional<ResultRow> big = results.find("sector-slice", "sector, 128 h full slice", largest, STORE);
        Optional<ResultRow> small = results.find("sector-slice", "sector, 128 h full slice", previous, STORE);
        if (big.isPresent() && small.isPresent()) {
            double growth = big.get().latency().p50Ms() / small.get().latency().p50Ms();
            checks.add(new Check("sector full slice latency grows < 1.5x from " + previous + " to " + largest + " ops",
                    String.format(Locale.ROOT, "%.3f ms -> %.3f ms: %.2fx", small.get().latency().p50Ms(), big.get().latency().p50Ms(), growth),
                    growth < 1.5));
        } else {
            checks.add(new Check("sector full slice latency grows < 1.5x between the two largest sizes", "", null));
        }
        checks.add(ratio(results, "full-slice", "FULL arc, 128 h full slice", largest, SQLITE, STORE, 1,
                "FULL-arc 128 h slice at least as fast as SQLite (slice read before: sealed)" + at));
        checks.add(ratio(results, "full-slice", "FULL arc, 128 h full slice, first read", largest, SQLITE, STORE, 1,
                "FULL-arc 128 h slice at least as fast as SQLite (first read of the slice, after the background sealer)" + at));
        checks.add(ratio(results, "full-slice", "FULL arc, 128 h full slice", largest, FANOUT_ONE, STORE, 3,
                "FULL-arc slice with fan-out >= 3x faster than one partition at a time" + at));
        Optional<ResultRow> storeStart = results.find("startup", "first start", largest, STORE);
        Optional<ResultRow> sqliteStart = results.find("startup", "first start", largest, SQLITE);
        if (storeStart.isPresent() && sqliteStart.isPresent()) {
            double speedup = sqliteStart.get().latency().meanMs() / storeStart.get().latency().meanMs();
            checks.add(new Check("start-up replay faster than SQLite" + at, String.format(Locale.ROOT,
                    "mean per sector %.1f ms vs SQLite %.1f ms: %.2fx", storeStart.get().latency().meanMs(),
                    sqliteStart.get().latency().meanMs(), speedup), speedup > 1));
        } else {
            checks.add(new Check("start-up replay faster than SQLite" + at, "", null));
        }
        checks.add(httpOverhead(results, largest, at));
        checks.addAll(hostPath(results, largest, at));
        checks.add(serverHeap(results));
        return checks;
    }

    /**
     * The ingest sweep's targets (the old "ingest >= 0.7x the raw driver" is retired: the raw driver's
     * ingest is now plain-same-rows itself).
     */
    public static List<Check> ingest(Results results) {
        List<Check> checks = new ArrayList<>();
        Optional<IngestRow> lean100 = results.ingest(LEAN, 100, 16);
        Optional<IngestRow> plainOne = results.ingest(PLAIN_ONE, 100, 16);
        Optional<IngestRow> plainSame = results.ingest(PLAIN_SAME, 100, 16);
        checks.add(ingestRatio("service (http-lean) batch 100, 16 writers >= 0.25x plain-one-table (ops/s), 0 errors", lean100, plainOne, 0.25));
        checks.add(ingestRatio("service (http-lean) batch 100, 16 writers >= 0.8x plain-same-rows (ops/s), 0 errors", lean100, plainSame, 0.8));
        Optional<IngestRow> lean1 = results.ingest(LEAN, 1, 16);
        String single = "http-lean batch 1, 16 writers >= 0.5x its batch-100 ops/s";
        if (lean1.isPresent() && lean100.isPresent()) {
            double ratio = lean1.get().opsPerSecond() / lean100.get().opsPerSecond();
            checks.add(new Check(single, String.format(Locale.ROOT, "%.0f vs %.0f ops/s: %.2fx", lean1.get().opsPerSecond(),
                    lean100.get().opsPerSecond(), ratio), ratio >= 0.5));
        } else {
            checks.add(new Check(single, "", null));
        }
        Optional<IngestRow> leanOne = results.ingest(LEAN, 1, 1);
        checks.add(leanOne.map(r -> new Check("http-lean 1 writer, batch 1: p50 <= 3 ms", String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, %d errors",
                r.latency().p50Ms(), r.latency().p99Ms(), r.errors()), r.latency().p50Ms() <= 3))
                .orElse(new Check("http-lean 1 writer, batch 1: p50 <= 3 ms", "", null)));
        Optional<IngestRow> library = results.ingest(STORE, 100, 16);
        Optional<IngestRow> sqlite = results.ingest(SQLITE, 100, 16);
        String vsSqlite = "library (cassandra) batch 100, 16 writers >= SQLite (sqlite-hc06) ops/s (skipped unless SQLite ingest ran)";
        if (library.isPresent() && sqlite.isPresent()) {
            double ratio = library.get().opsPerSecond() / sqlite.get().opsPerSecond();
            checks.add(new Check(vsSqlite, String.format(Locale.ROOT, "%.0f vs %.0f ops/s: %.2fx", library.get().opsPerSecond(),
                    sqlite.get().opsPerSecond(), ratio), ratio >= 1));
        } else {
            checks.add(new Check(vsSqlite, "", null));
        }
        return checks;
    }

    private static Check ingestRatio(String target, Optional<IngestRow> measured, Optional<IngestRow> limit, double factor) {
        if (measured.isEmpty() || limit.isEmpty()) {
            return new Check(target, "", null);
        }
        double ratio = measured.get().opsPerSecond() / limit.get().opsPerSecond();
        return new Check(target, String.format(Locale.ROOT, "%.0f vs %.0f ops/s: %.2fx, %d errors", measured.get().opsPerSecond(),
                limit.get().opsPerSecond(), ratio, measured.get().errors()), ratio >= factor && measured.get().errors() == 0);
    }

    /** The service against the library on the same calls: every read case at the largest size, p50. */
    private static Check httpOverhead(Results results, long largest, String at) {
        String target = "HTTP service <= 1.5x the direct library at p50" + at;
        StringBuilder measured = new StringBuilder();
        Boolean met = null;
        for (ResultRow library : results.rows()) {
            // The callers sweep has its own rows per caller count: the interleaved single-caller cases say it.
            if (library.storedOps() != largest || !library.target().equals(STORE) || library.workload().equals("startup")
                    || library.workload().equals(CallersSweep.WORKLOAD)) {
                continue;
            }
            Optional<ResultRow> http = results.find(library.workload(), library.caseName(), largest, HTTP);
            if (http.isPresent()) {
                double ratio = http.get().latency().p50Ms() / library.latency().p50Ms();
                measured.append(measured.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %s: %.3f vs %.3f ms = %.2fx",
                        library.workload(), library.caseName(), http.get().latency().p50Ms(), library.latency().p50Ms(), ratio));
                met = (met == null || met) && ratio <= 1.5;
            }
        }
        return new Check(target, measured.toString(), met);
    }

    /** The small calls whose cost a host feels: 1-id calls and a sector slice (issue 16). */
    private static final List<String[]> SMALL_CALLS = List.of(new String[] {"fetch", "retrieve_ops, 1 id"},
            new String[] {"fetch", "filter_out_existing_ops, 1 id"}, new String[] {"sector-slice", "sector, 128 h full slice"});

    /**
     * The host's path (issue 16): the service through the lean client within 0.3 ms of the library,
     * the Java client within 1.5x of the lean client, and start-up and a gossip round through the
     * service faster than SQLite.
     */
    static List<Check> hostPath(Results results, long largest, String at) {
        List<Check> checks = new ArrayList<>();
        checks.add(perCall(results, largest, LEAN, STORE, "service via the lean client <= library + 0.3 ms at p50 (1-id calls, sector slice)" + at,
                (lean, library) -> lean - library <= 0.3));
        checks.add(perCall(results, largest, HTTP, LEAN, "Java client <= 1.5x the lean client at p50 (1-id calls, sector slice)" + at,
                (java, lean) -> java <= 1.5 * lean));
        StringBuilder measured = new StringBuilder();
        Boolean met = null;
        for (String[] call : List.of(new String[] {"startup", "first start"}, new String[] {"gossip", null})) {
            Optional<ResultRow> lean = results.rows().stream().filter(r -> r.storedOps() == largest && r.target().equals(LEAN)
                    && r.workload().equals(call[0]) && (call[1] == null || r.caseName().equals(call[1]))).findFirst();
            Optional<ResultRow> sqlite = lean.flatMap(row -> results.find(row.workload(), row.caseName(), largest, SQLITE));
            if (lean.isPresent() && sqlite.isPresent()) {
                double speedup = sqlite.get().latency().meanMs() / lean.get().latency().meanMs();
                measured.append(measured.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %s: mean %.1f ms vs SQLite %.1f ms = %.2fx",
                        call[0], lean.get().caseName(), lean.get().latency().meanMs(), sqlite.get().latency().meanMs(), speedup));
                met = (met == null || met) && speedup > 1;
            }
        }
        checks.add(new Check("start-up replay and gossip round through the service (lean client) faster than SQLite" + at, measured.toString(), met));
        return checks;
    }

    /** {@code holds(a, b)} on the p50s of {@code a} and {@code b} for each small call both measured. */
    private static Check perCall(Results results, long largest, String a, String b, String target,
            BiPredicate<Double, Double> holds) {
        StringBuilder measured = new StringBuilder();
        Boolean met = null;
        for (String[] call : SMALL_CALLS) {
            Optional<ResultRow> first = results.find(call[0], call[1], largest, a);
            Optional<ResultRow> second = results.find(call[0], call[1], largest, b);
            if (first.isPresent() && second.isPresent()) {
                double x = first.get().latency().p50Ms();
                double y = second.get().latency().p50Ms();
                measured.append(measured.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s: %s %.3f vs %s %.3f ms", call[1], a, x, b, y));
                met = (met == null || met) && holds.test(x, y);
            }
        }
        return new Check(target, measured.toString(), met);
    }

    private static Check serverHeap(Results results) {
        String target = "server heap under " + (int) HEAP_CAP_MIB + " MB while streaming a time slice of every stored op";
        return results.rows().stream().filter(r -> r.workload().equals(ServerHeapProbe.WORKLOAD)).reduce((a, b) -> b)
                .map(row -> {
                    double peak = ServerHeapProbe.peakMib(row);
                    return new Check(target, String.format(Locale.ROOT, "%.0f ids streamed at %d stored ops: peak heap used %.0f MiB",
                            row.meanAnswer(), row.storedOps(), peak), peak < HEAP_CAP_MIB);
                })
                .orElse(new Check(target, "", null));
    }

    /** Met when {@code slower}'s p50 is at least {@code factor} times {@code faster}'s. */
    private static Check ratio(Results results, String workload, String caseName, long tier, String slower, String faster, double factor,
            String target) {
        Optional<ResultRow> a = results.find(workload, caseName, tier, slower);
        Optional<ResultRow> b = results.find(workload, caseName, tier, faster);
        if (a.isEmpty() || b.isEmpty()) {
            return new Check(target, "", null);
        }
        double speedup = a.get().latency().p50Ms() / b.get().latency().p50Ms();
        return new Check(target, String.format(Locale.ROOT, "p50 %s %.3f ms vs %s %.3f ms: %.2fx", faster, b.get().latency().p50Ms(), slower,
                a.get().latency().p50Ms(), speedup), speedup >= factor);
    }
}
