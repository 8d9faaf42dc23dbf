package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.k2store.api.DhtArc;
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
 * Why: every index query starts by planning its partitions (BucketLayout's grain and cover, then
 * PartitionPlanner); a 128 h slice is planned directly, a year asks the bucket index of each location
 * bucket. Here the bucket index answers from memory (every 128 h bucket of the year holds data, as at
 * 10^6 ops), so the year figure is the planning CPU without its round trips.
 *
 * Lives in k2store-cassandra's src/jmh/java, in this package: PartitionPlanner, StoreContext, Statements
 * and BucketLayout are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanPartitionsBenchmark {

    private static final Executor INLINE = Runnable::run;
    /** 1/8 of the ring through location 0, edges inside coarse buckets: 3 coarse partitions, 2 of them filtered. */
    public static final DhtArc WRAPPING = DhtArc.of(0xF800_0000L + 12_345, (0xF800_0000L + 12_345 + (1L << 29) - 1) & DhtArc.MAX_LOCATION);
    public static final DhtArc SECTOR = DhtArc.sector(100);

    @Param({"sector", "wrapping", "full"})
    public String arc;
    @Param({"128h", "year"})
    public String range;

    private PartitionPlanner planner;
    private final UUID space = new UUID(0x6b3273746f7265L, 42);
    public DhtArc dhtArc;
    public long from;
    public long to;

    @Setup
    public void setUp() {
        CassandraStoreConfig config = new CassandraStoreConfig();
        long anchor = HotPathData.anchorMicros();
        long dataStart = anchor - HotPathData.YEAR;
        BucketLayout layout = config.bucketLayout();
        long firstWithData = layout.timeBucket(IndexKind.CREATED, dataStart);
        long lastWithData = layout.timeBucket(IndexKind.CREATED, anchor);
        // selectBucketsBetween binds (space, kind, grain, loc_bucket, first, last): answer the buckets of the year in that range.
        MemoryCql cql = new MemoryCql(config.getPageSize(), values -> {
            List<Row> rows = new ArrayList<>();
            for (long t = Math.max(firstWithData, (Long) values[4]); t <= Math.min(lastWithData, (Long) values[5]); t++) {
                rows.add(MemoryCql.bucketRow(t));
            }
            return rows;
        });
        StoreContext context = new StoreContext(cql.session(), new Statements(cql.session(), config), config, INLINE, QueryObserver.NONE,
                VisibilityBudget.UNLIMITED);
        planner = new PartitionPlanner(context);
        dhtArc = switch (arc) {
            case "sector" -> SECTOR;
            case "wrapping" -> WRAPPING;
            case "full" -> DhtArc.FULL;
            default -> throw new IllegalArgumentException("arc: " + arc);
        };
        switch (range) {
            case "128h" -> {
                long slice = Slices.lastWholeBefore(anchor);
                from = Slices.start(slice);
                to = Slices.start(slice + 1) - 1;
            }
            case "year" -> {
                from = dataStart;
                to = anchor - 1;
            }
            default -> throw new IllegalArgumentException("range: " + range);
        }
    }

    /** The partitions, as the store's query gets them (a List of PartitionKey). */
    @Benchmark
    public List<?> plan() {
        return planner.plan(space, IndexKind.CREATED, dhtArc, from, to).join();
    }
}
