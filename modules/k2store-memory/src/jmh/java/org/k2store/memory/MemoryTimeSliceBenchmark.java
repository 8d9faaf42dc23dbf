package org.k2store.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.bench.data.Dataset;
import org.k2store.bench.data.GeneratedOp;
import org.k2store.bench.data.HotPathData;
import org.k2store.bench.data.Slices;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why: the in-process upper bound of retrieve_op_hashes_in_time_slice: MemoryOpStore holding a year
 * of 10^5 ops, one 128 h slice of one sector (~3 ids) and of the FULL arc (~1,460 ids). It walks the
 * slice's ops in created_at order and filters by arc, so a sector costs about what FULL does.
 *
 * Lives in k2store-memory's src/jmh/java, beside the store it measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryTimeSliceBenchmark {

    public static final long STORED_OPS = 100_000;

    @Param({"sector", "full"})
    public String arc;

    public MemoryOpStore store;
    public DhtArc dhtArc;
    public Timestamp start;
    public Timestamp end;
    /** The answer's ids, from the generated ops. */
    public List<OpId> expected;

    @Setup
    public void setUp() {
        Dataset data = HotPathData.year(STORED_OPS, HotPathData.anchorMicros());
        store = new MemoryOpStore(Dataset.SETTINGS);
        for (long from = 0; from < data.count(); from += 1000) {
            List<byte[]> batch = new ArrayList<>(1000);
            for (GeneratedOp op : data.ops(from, Math.min(data.count(), from + 1000))) {
                batch.add(op.encoded());
            }
            store.processIncomingOps(batch).join();
        }
        long slice = HotPathData.lastWholeSlice(data) - 1;
        dhtArc = arc.equals("full") ? DhtArc.FULL : DhtArc.sector(100);
        start = new Timestamp(Slices.start(slice));
        end = new Timestamp(Slices.start(slice + 1));
        expected = HotPathData.ids(HotPathData.slice(data, slice).stream().filter(op -> dhtArc.contains(op.location())).toList());
    }

    @Benchmark
    public TimeSliceHashes timeSlice() {
        return store.retrieveOpHashesInTimeSlice(dhtArc, start, end).join();
    }
}
