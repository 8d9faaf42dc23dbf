package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.TimeSliceHashes;
import org.k2store.bench.data.GeneratedOp;
import org.k2store.bench.data.HotPathData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why: every FULL-arc 128 h slice (14,612 rows at 10^6 ops) goes through OrderedMerge; this is the
 * merge's own CPU (rows decoded by the driver's codecs, heap, sink as in IndexQueries.timeSlice) with
 * the partitions answered from memory, 16 coarse or 512 fine partitions. Merging runs inline here (a
 * direct executor); the store hops onto its executor a few times per call on top of this.
 *
 * Lives in k2store-cassandra's src/jmh/java, in this package: PartitionStream, OrderedMerge and IndexRow
 * are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MergeSortedPartitionsBenchmark {

    private static final Executor INLINE = Runnable::run;
    private static final CassandraStoreConfig CONFIG = new CassandraStoreConfig();

    @Param({"16", "512"})
    public int streams;

    private MemoryCql cql;
    private final List<Statement<?>> partitions = new ArrayList<>();
    /** The slice's ids in the contract's order, from a plain sort of the generated rows. */
    public List<OpId> expected;
    public long expectedBytes;

    @Setup
    public void setUp() {
        if (Integer.bitCount(streams) != 1 || streams > 1 << 16) {
            throw new IllegalArgumentException("streams must be a power of two (location buckets): " + streams);
        }
        List<GeneratedOp> slice = HotPathData.fullSliceAtMillion();
        int bits = Integer.numberOfTrailingZeros(streams);
        List<List<Row>> buckets = new ArrayList<>();
        for (int b = 0; b < streams; b++) {
            buckets.add(new ArrayList<>());
        }
        // The slice is in (created_at, id) order, so each bucket's rows are in clustering order too.
        for (GeneratedOp op : slice) {
            int bucket = bits == 0 ? 0 : op.location() >>> (32 - bits);
            buckets.get(bucket).add(MemoryCql.indexRow(op.createdAt(), op.id().toBytes(), op.location(), op.size()));
        }
        cql = new MemoryCql(CONFIG.getPageSize(), values -> {
            throw new UnsupportedOperationException("the merge binds no statement");
        });
        partitions.clear();
        buckets.forEach(rows -> partitions.add(cql.partition(rows)));
        expected = HotPathData.ids(slice);
        expectedBytes = slice.stream().mapToLong(GeneratedOp::size).sum();
    }

    @Benchmark
    public TimeSliceHashes merge() {
        List<PartitionStream> scans = new ArrayList<>(partitions.size());
        for (Statement<?> partition : partitions) {
            scans.add(new PartitionStream(cql.session(), partition, null));
        }
        List<OpId> ids = new ArrayList<>();
        long[] total = {0};
        Predicate<IndexRow> collect = row -> {
            ids.add(row.opId());
            total[0] = OpSizes.saturatingAdd(total[0], row.size());
            return true;
        };
        OrderedMerge.merge(scans, collect, CONFIG.getFanOut(), INLINE).join();
        return new TimeSliceHashes(ids, total[0]);
    }
}
