package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/**
 * The data model's promise: a query touches the partitions its answer needs. One sector-aligned
 * full slice reads one partition; a FULL-arc slice reads the coarse buckets, not 512 sectors; a small
 * bounded page reads first pages only; a sparse year costs only the buckets that hold data.
 */
@ExtendWith(CassandraExtension.class)
class PartitionsTouchedTest {

    /** kitsune2's full slice: 2^9 x 15 min = 128 h, in microseconds. */
    private static final long FULL_SLICE = 512L * 15 * 60 * 1_000_000;
    private static final long SLICE = 3870;

    private static final RecordingObserver observer = new RecordingObserver();
    private static TestStores stores;
    private static CassandraOpStore store;
    private static final ManualClock clock = new ManualClock(SLICE * FULL_SLICE + 5);

    @BeforeAll
    static void load(CassandraEndpoint endpoint) {
        stores = new TestStores(endpoint, TestStores.defaults(), observer);
        store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, clock, SettleWindow.NONE);
        // 2048 ops over the whole ring inside one full slice (4 per sector), 64 more a year earlier.
        Random random = new Random(7);
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 2048; i++) {
            long location = (long) (i % 512) << 23 | random.nextInt(1 << 23);
            batch.add(Ops.memoryOp(location, 64, SLICE * FULL_SLICE + random.nextInt(1_000_000_000), i));
            if (batch.size() == 256) {
                result(store.processIncomingOps(batch));
                batch.clear();
            }
        }
        for (int i = 0; i < 64; i++) {
            batch.add(Ops.memoryOp((long) i << 26, 64, (SLICE - 68) * FULL_SLICE + i, 10_000 + i));
        }
        result(store.processIncomingOps(batch));
        clock.advance(60_000_000);
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Test
    void aSectorAlignedFullSliceReadsOnePartition() {
        TimeSliceHashes slice = result(store.retrieveOpHashesInTimeSlice(DhtArc.sector(100),
                new Timestamp(SLICE * FULL_SLICE), new Timestamp((SLICE + 1) * FULL_SLICE)));
        assertThat(slice.opIds()).hasSize(4);
        assertThat(observer.last().partitions()).isEqualTo(1);
        System.out.println("sector full slice: " + observer.last());
    }

    @Test
    void aFullArcFullSliceReadsTheSixteenCoarsePartitionsNot512() {
        TimeSliceHashes slice = result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL,
                new Timestamp(SLICE * FULL_SLICE), new Timestamp((SLICE + 1) * FULL_SLICE)));
        assertThat(slice.opIds()).hasSize(2048);
        assertThat(observer.last().partitions()).isEqualTo(16);
        System.out.println("FULL-arc full slice: " + observer.last());
    }

    @Test
    void aYearLongQueryReadsOnlyTimeBucketsThatHoldData() {
        TimeSliceHashes year = result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL,
                new Timestamp((SLICE - 70) * FULL_SLICE), new Timestamp((SLICE + 1) * FULL_SLICE)));
        assertThat(year.opIds()).hasSize(2048 + 64);
        // 16 coarse buckets now, and the few coarse buckets the 64 old ops fell in: never 16 x 71.
        assertThat(observer.last().partitions()).isLessThanOrEqualTo(32);
        System.out.println("FULL-arc 71 slices: " + observer.last());
    }

    @Test
    void aSmallBoundedPageReadsFirstPagesOnly() {
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 10 * 64));
        assertThat(page.opIds()).hasSize(10);
        assertThat(observer.last().pages()).isLessThanOrEqualTo(observer.last().partitions());
        assertThat(observer.last().partitions()).isLessThanOrEqualTo(16);
        System.out.println("bounded page of 10: " + observer.last());

        BoundedPage sector = result(store.retrieveOpIdsBounded(DhtArc.sector(9), new Timestamp(0), 1 << 20));
        assertThat(sector.opIds()).hasSize(4);
        assertThat(observer.last().partitions()).isEqualTo(1);
    }

    @Test
    void earliestInASectorReadsOnePartition() {
        assertThat(result(store.earliestTimestampInArc(DhtArc.sector(0)))).contains(new Timestamp((SLICE - 68) * FULL_SLICE));
        assertThat(observer.last().partitions()).isEqualTo(1);
        assertThat(observer.last().pages()).isEqualTo(1);
    }
}
