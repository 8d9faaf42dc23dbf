package org.k2store.bench.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.Timestamp;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Tier;
import org.k2store.bench.data.Slices;
import org.k2store.bench.report.LatencyStats;
import org.k2store.bench.report.ResultRow;

/**
 * The small calls a host makes all the time, from 1, 8 and 64 concurrent callers: {@code retrieve_ops}
 * of one id, a sector's 128 h slice and {@code slice_hash_count}. Each caller is a thread calling in
 * a closed loop (one call outstanding) for a fixed time; the row holds calls/s over the timed window,
 * p50/p99 of those calls and the errors. Run on the library and on the service through both clients,
 * case by case and caller count by caller count, target after target, so drift falls on all alike.
 */
public final class CallersSweep {

    public static final String WORKLOAD = "callers";
    public static final List<Integer> CALLERS = List.of(1, 8, 64);
    public static final Set<String> TARGETS = Set.of("cassandra", "http", "http-lean");
    public static final String FETCH_CASE = "retrieve_ops, 1 id";
    public static final String SECTOR_CASE = "sector, 128 h full slice";
    public static final String COUNT_CASE = "slice_hash_count, a sector";
    private static final long CALL_TIMEOUT_SECONDS = 60;

    /** One kind of call; {@code i} picks the caller's i-th id, sector or slice. */
    private interface SmallCall {
        void call(OpStore store, int i) throws Exception;
    }

    private final double seconds;
    private final OpId[] ids;
    private final int[] sectors;
    private final long[] slices;

    public CallersSweep(Tier tier, double seconds, long seed) {
        this.seconds = seconds;
        Random random = new Random(seed ^ 0x5ca1ab1eL);
        int picks = 4096;
        ids = new OpId[picks];
        sectors = new int[picks];
        slices = new long[picks];
        long first = Slices.firstWholeFrom(tier.dataset().startMicros());
        long last = Slices.lastWholeBefore(tier.anchorMicros());
        for (int i = 0; i < picks; i++) {
            ids[i] = tier.dataset().op(Math.floorMod(random.nextLong(), tier.storedOps())).id();
            sectors[i] = random.nextInt(DhtArc.SECTOR_COUNT);
            slices[i] = first + random.nextInt((int) (last - first + 1));
        }
    }

    public void run(Tier tier, List<ResultRow> rows) {
        Map<String, SmallCall> cases = new LinkedHashMap<>();
        cases.put(FETCH_CASE, (store, i) -> store.retrieveOps(List.of(ids[i % ids.length])).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        cases.put(SECTOR_CASE, (store, i) -> {
            long slice = slices[i % slices.length];
            store.retrieveOpHashesInTimeSlice(DhtArc.sector(sectors[i % sectors.length]), Timestamp.ofMicros(Slices.start(slice)),
                    Timestamp.ofMicros(Slices.start(slice + 1))).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        });
        cases.put(COUNT_CASE, (store, i) -> store.sliceHashCount(DhtArc.sector(sectors[i % sectors.length])).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        for (Map.Entry<String, SmallCall> kind : cases.entrySet()) {
            for (int callers : CALLERS) {
                for (Map.Entry<BenchTarget, OpStore> entry : tier.stores().entrySet()) {
                    String target = entry.getKey().name();
                    if (!TARGETS.contains(target)) {
                        continue;
                    }
                    ResultRow row = runCase(kind.getKey() + ", " + callers + (callers == 1 ? " caller" : " callers"), target, entry.getValue(),
                            kind.getValue(), callers, tier.storedOps());
                    rows.add(row);
                }
            }
        }
    }

    private ResultRow runCase(String caseName, String target, OpStore store, SmallCall call, int callers, long storedOps) {
        double warmup = Math.min(0.5, seconds / 4);
        long timedFrom = System.nanoTime() + (long) (warmup * 1e9);
        long deadline = timedFrom + (long) (seconds * 1e9);
        ClosedLoop.Outcome outcome = ClosedLoop.run("callers-" + target, callers, c -> new ClosedLoop.Caller() {
            private int next = c * 997;

            @Override
            public void call() throws Exception {
                call.call(store, next++);
            }
        }, timedFrom, deadline);
        double perSecond = outcome.latencies().length / ((deadline - timedFrom) / 1e9);
        return new ResultRow(WORKLOAD, caseName, storedOps, target, LatencyStats.ofNanos(outcome.latencies()), perSecond, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, outcome.errors() + " errors" + (outcome.firstError().isEmpty() ? "" : " (" + outcome.firstError() + ")"));
    }
}
