package org.k2store.bench.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.k2store.api.OpId;

/**
 * The hot-path benchmarks' data: the workload driver's own {@link Dataset} (36-byte suffix-le32 ids,
 * uniform u32 locations, created_at over the year before now, 512 B .. 2 KiB ops), so a slice here
 * is the slice the driver queries. At 10^6 ops a FULL-arc 128 h slice holds ~14,600 ops, a sector's ~29.
 *
 * In k2store-api's src/jmh/java, the lowest module, with Dataset and Slices: every module's benchmarks
 * and the workload driver (k2store-bench) share them through k2store-api's jmh jar.
 */
public final class HotPathData {

    public static final long YEAR = 365L * 24 * 3600 * 1_000_000;
    public static final long MILLION = 1_000_000;
    public static final long SEED = 42;
    /** The contract's order of time-slice answers: created_at, then id as unsigned bytes. */
    public static final Comparator<GeneratedOp> SLICE_ORDER = Comparator.comparingLong(GeneratedOp::createdAt).thenComparing(GeneratedOp::id);

    private HotPathData() {
    }

    /** Now, to the minute, in microseconds: the end of the year of data. */
    public static long anchorMicros() {
        return System.currentTimeMillis() / 60_000 * 60_000_000L;
    }

    /** {@code count} ops over the year before {@code anchorMicros}, as the workload driver makes them. */
    public static Dataset year(long count, long anchorMicros) {
        return new Dataset(SEED, count, anchorMicros - YEAR, YEAR, 512, 2048);
    }

    /** The last 128 h full slice (kitsune2's) that lies wholly inside the data's year. */
    public static long lastWholeSlice(Dataset data) {
        return Slices.lastWholeBefore(data.endMicros());
    }

    /** The ops of full slice {@code index}, in the contract's order. */
    public static List<GeneratedOp> slice(Dataset data, long index) {
        long from = Slices.start(index);
        long to = Slices.start(index + 1);
        // Op i falls in the i-th of count equal strata of the span: only the strata overlapping the slice can hold its ops.
        long first = Math.max(0, (long) ((double) (from - data.startMicros()) * data.count() / data.spanMicros()) - 1);
        long last = Math.min(data.count(), (long) ((double) (to - data.startMicros()) * data.count() / data.spanMicros()) + 2);
        List<GeneratedOp> ops = new ArrayList<>();
        for (long i = first; i < last; i++) {
            GeneratedOp op = data.op(i);
            if (op.createdAt() >= from && op.createdAt() < to) {
                ops.add(op);
            }
        }
        ops.sort(SLICE_ORDER);
        return ops;
    }

    /** The FULL-arc 128 h slice of a year of 10^6 ops: ~14,600 ops. */
    public static List<GeneratedOp> fullSliceAtMillion() {
        Dataset data = year(MILLION, anchorMicros());
        return slice(data, lastWholeSlice(data));
    }

    public static List<OpId> ids(List<GeneratedOp> ops) {
        return ops.stream().map(GeneratedOp::id).toList();
    }
}
