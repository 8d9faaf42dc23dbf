package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.cassandra.CoarseSeals.FULL_SLICE;
import static org.k2store.cassandra.CoarseSeals.ops;
import static org.k2store.cassandra.CoarseSeals.pastSlice;
import static org.k2store.cassandra.CoarseSeals.sealed;
import static org.k2store.testkit.Await.result;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.DhtArc;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.memory.MemoryOpStore;
import org.k2store.testkit.Ops;

/**
 * The background sealer (SealBacklog): coarse partitions this process wrote to are sealed once
 * their time has settled and they have been quiet, so the first wide-arc read of old data is
 * answered from seals; a late op clears a seal and the partition is sealed again; a dropped space
 * is left to its purge; the backlog stays within its bound. Answers always match the memory store.
 */
@ExtendWith(CassandraExtension.class)
class SealBacklogTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final RecordingObserver observer = new RecordingObserver();
    private static TestStores quick;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        quick = new TestStores(endpoint, TestStores.defaults().setSettleWindow(Duration.ZERO).setSealQuiet(Duration.ofSeconds(3)), observer);
    }

    @AfterAll
    static void close() {
        quick.close();
    }

    private record Pair(CassandraOpStore store, OpStore oracle) {

        void add(List<byte[]> ops) {
            result(store.processIncomingOps(ops));
            result(oracle.processIncomingOps(ops));
        }

        TimeSliceHashes assertSameSlice(long slice) {
            TimeSliceHashes expected = slice(oracle, slice);
            TimeSliceHashes actual = slice(store, slice);
            assertThat(actual.opIds()).containsExactlyElementsOf(expected.opIds());
            assertThat(actual.totalBytes()).isEqualTo(expected.totalBytes());
            return actual;
        }
    }

    private static Pair pair(TestStores on) {
        return new Pair(on.newStore(SpaceSettings.KITSUNE2_MEMORY, MicrosClock.system(), SettleWindow.NONE),
                new MemoryOpStore(SpaceSettings.KITSUNE2_MEMORY, MicrosClock.system(), SettleWindow.NONE));
    }

    private static TimeSliceHashes slice(OpStore store, long slice) {
        return result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(slice * FULL_SLICE), new Timestamp((slice + 1) * FULL_SLICE)));
    }

    private static long currentSlice() {
        return Math.floorDiv(System.currentTimeMillis() * 1_000, FULL_SLICE);
    }

    private static int sealedPartitions(TestStores on, UUID space, long timeBucket) {
        int sealed = 0;
        for (int bucket = 0; bucket < 16; bucket++) {
            sealed += sealed(on, space, bucket, timeBucket) != null ? 1 : 0;
        }
        return sealed;
    }

    @Test
    void settledPartitionsAreSealedInTheBackgroundAndTheFirstReadFindsTheSeals() throws InterruptedException {
        Pair pair = pair(quick);
        long s = pastSlice();
        long now = currentSlice();
        pair.add(ops(s, 800, 1));
        List<byte[]> recent = new ArrayList<>();
        Random random = new Random(2);
        for (int i = 0; i < 200; i++) {
            recent.add(Ops.memoryOp(random.nextInt() & 0xFFFFFFFFL, 64, now * FULL_SLICE + i, 200_000 + i));
        }
        pair.add(recent);
        UUID space = pair.store().space().uid();

        assertThat(quick.stores.awaitBackgroundSeals(WAIT)).isTrue();

        assertThat(sealedPartitions(quick, space, s)).as("every coarse partition of the old slice, before any read").isEqualTo(16);
        assertThat(sealedPartitions(quick, space, now)).as("the current slice has not settled").isZero();
        assertThat(quick.stores.sealBacklog()).as("the current slice's partitions wait for their time to pass").isGreaterThanOrEqualTo(16);
        observer.clear();
        pair.assertSameSlice(s);
        assertThat(observer.lastSeals()).isEqualTo(new RecordingObserver.Seals("retrieve_op_hashes_in_time_slice", 16, 0));
        pair.assertSameSlice(now);
    }

    @Test
    void aLateOpClearsItsPartitionsSealAndTheBackgroundSealsItAgain() throws InterruptedException {
        Pair pair = pair(quick);
        long s = pastSlice() - 3;
        pair.add(ops(s, 400, 3));
        UUID space = pair.store().space().uid();
        assertThat(quick.stores.awaitBackgroundSeals(WAIT)).isTrue();
        ByteBuffer before = sealed(quick, space, 7, s);
        assertThat(before).isNotNull();

        long location = 0x7ABCDEF0L; // coarse bucket 7
        List<byte[]> late = List.of(Ops.memoryOp(location, 64, s * FULL_SLICE + 12_345, 777_777));
        pair.add(late);
        OpId lateId = result(pair.store().processIncomingOps(late)).get(0);
        assertThat(sealed(quick, space, 7, s)).as("cleared by the late op's write").isNull();

        assertThat(quick.stores.awaitBackgroundSeals(WAIT)).isTrue();
        assertThat(sealed(quick, space, 7, s)).as("sealed again, with the late op").isNotNull().isNotEqualTo(before);
        observer.clear();
        assertThat(pair.assertSameSlice(s).opIds()).contains(lateId);
        assertThat(observer.lastSeals()).isEqualTo(new RecordingObserver.Seals("retrieve_op_hashes_in_time_slice", 16, 0));
    }

    @Test
    void aDroppedSpaceIsLeftToItsPurge() throws InterruptedException {
        Pair pair = pair(quick);
        long s = pastSlice() - 5;
        pair.add(ops(s, 300, 4));
        SpaceHandle space = pair.store().space();
        assertThat(result(quick.stores.dropSpace(space.name()))).isTrue();

        assertThat(quick.stores.awaitBackgroundSeals(WAIT)).isTrue();
        assertThat(sealedPartitions(quick, space.uid(), s)).isZero();
    }

    @Test
    void theBacklogKeepsToItsBoundAndCountsWhatItLeft(CassandraEndpoint endpoint) {
        // A quiet spell longer than the test: nothing is sealed while it looks.
        try (TestStores small = new TestStores(endpoint, TestStores.defaults().setSealBacklog(4))) {
            Pair pair = pair(small);
            long s = pastSlice() - 7;
            pair.add(ops(s, 800, 5));
            assertThat(small.stores.sealBacklog()).isEqualTo(4);
            assertThat(small.stores.sealBacklogDropped()).isEqualTo(12);
            pair.assertSameSlice(s); // the partitions it left are sealed by this first whole read, as before
        }
        try (TestStores off = new TestStores(endpoint, TestStores.defaults().setSealBacklog(0))) {
            Pair pair = pair(off);
            pair.add(ops(pastSlice() - 8, 200, 6));
            assertThat(off.stores.sealBacklog()).isZero();
            assertThat(off.stores.sealBacklogDropped()).isZero();
        }
    }
}
