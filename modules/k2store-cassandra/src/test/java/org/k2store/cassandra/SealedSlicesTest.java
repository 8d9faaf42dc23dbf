package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.k2store.cassandra.CoarseSeals.FULL_SLICE;
import static org.k2store.cassandra.CoarseSeals.ops;
import static org.k2store.cassandra.CoarseSeals.pastSlice;
import static org.k2store.cassandra.CoarseSeals.sealed;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
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
import org.k2store.api.StoreUnavailableException;
import org.k2store.api.TimeSliceCursor;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.TimeSlicePage;
import org.k2store.api.TimeSliceReader;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.memory.MemoryOpStore;
import org.k2store.testkit.Ops;

/**
 * Sealed coarse partitions (SealedSlices): a wide-arc full slice read whole once its time has
 * passed is sealed, later reads answer from the seal, and every answer (whole, cut arcs, sub-ranges,
 * pages, after a late op) stays exactly the memory store's.
 */
@ExtendWith(CassandraExtension.class)
class SealedSlicesTest {

    private static final RecordingObserver observer = new RecordingObserver();
    private static TestStores stores;
    private static TestStores smallSeals;
    private static TestStores chunkedSeals;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        stores = new TestStores(endpoint, TestStores.defaults(), observer);
        smallSeals = new TestStores(endpoint, TestStores.defaults().setSealedPartitionMaxBytes(1000), observer);
        // About 50 rows of some 90 bytes per coarse partition: five chunks or so each.
        chunkedSeals = new TestStores(endpoint, TestStores.defaults().setSealedChunkBytes(1000), observer);
    }

    @AfterAll
    static void close() {
        stores.close();
        smallSeals.close();
        chunkedSeals.close();
    }

    /** A Cassandra store and the memory oracle holding the same ops. */
    private record Pair(CassandraOpStore store, OpStore oracle) {

        void add(List<byte[]> ops) {
            result(store.processIncomingOps(ops));
            result(oracle.processIncomingOps(ops));
        }

        /** A seal is stamped a lag (1 s at settle window 0) before its scan: rows written within it block it. */
        void settle() throws InterruptedException {
            Thread.sleep(1_100);
        }
    }

    private static Pair pair(TestStores on) {
        return new Pair(on.newStore(SpaceSettings.KITSUNE2_MEMORY, MicrosClock.system(), SettleWindow.NONE),
                new MemoryOpStore(SpaceSettings.KITSUNE2_MEMORY, MicrosClock.system(), SettleWindow.NONE));
    }

    private static TimeSliceHashes slice(OpStore store, DhtArc arc, long from, long to) {
        return result(store.retrieveOpHashesInTimeSlice(arc, new Timestamp(from), new Timestamp(to)));
    }

    private static void assertSameSlice(Pair pair, DhtArc arc, long from, long to) {
        TimeSliceHashes expected = slice(pair.oracle(), arc, from, to);
        TimeSliceHashes actual = slice(pair.store(), arc, from, to);
        assertThat(actual.opIds()).as("%s [%d, %d)", arc, from, to).containsExactlyElementsOf(expected.opIds());
        assertThat(actual.totalBytes()).isEqualTo(expected.totalBytes());
    }

    /** Seals are written after the answer, off the caller's path: wait for all 16 to land. */
    private static void awaitSealed(TestStores on, UUID space, long slice) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            boolean all = true;
            for (int bucket = 0; bucket < 16 && all; bucket++) {
                all = sealed(on, space, bucket, slice) != null;
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the 16 coarse partitions of slice " + slice + " were not sealed within 10 s");
    }

    @Test
    void aFullSliceReadWholeIsSealedAndThenAnsweredFromTheSeals() throws InterruptedException {
        Pair pair = pair(stores);
        long s = pastSlice();
        pair.add(ops(s, 800, 1));
        pair.add(ops(s + 1, 50, 2));
        pair.settle();
        UUID space = pair.store().space().uid();
        for (int bucket = 0; bucket < 16; bucket++) {
            assertThat(sealed(stores, space, bucket, s)).isNull();
        }

        observer.clear();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        RecordingObserver.Query rowByRow = observer.last();
        assertThat(observer.lastSeals()).isEqualTo(new RecordingObserver.Seals("retrieve_op_hashes_in_time_slice", 0, 16));
        awaitSealed(stores, space, s);

        observer.clear();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        RecordingObserver.Query fromSeals = observer.last();
        assertThat(observer.lastSeals()).isEqualTo(new RecordingObserver.Seals("retrieve_op_hashes_in_time_slice", 16, 0));
        assertThat(fromSeals.partitions()).isEqualTo(16);
        assertThat(fromSeals.pages()).as("one page (the seal) per partition").isEqualTo(16);
        assertThat(rowByRow.pages()).as("unsealed: the probe and the rows").isGreaterThan(16);
        // The neighbouring slice was never read whole: not sealed.
        assertThat(sealed(stores, space, 0, s + 1)).isNull();
    }

    @Test
    void cutArcsSubRangesAndPagesFromSealsMatchTheOracle() throws InterruptedException {
        Pair pair = pair(stores);
        long s = pastSlice();
        pair.add(ops(s, 600, 3));
        pair.settle();
        slice(pair.store(), DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        awaitSealed(stores, pair.store().space().uid(), s);

        long from = s * FULL_SLICE;
        long to = (s + 1) * FULL_SLICE;
        List<DhtArc> arcs = List.of(DhtArc.FULL, DhtArc.of(0x12345678L, 0xE0000000L), DhtArc.of(0xF0000001L, 0x3FFFFFFFL),
                DhtArc.of(0x10000000L, 0x1FFFFFFFL));
        for (DhtArc arc : arcs) {
            assertSameSlice(pair, arc, from, to);
            assertSameSlice(pair, arc, from + FULL_SLICE / 7, to - FULL_SLICE / 3);
            assertSameSlice(pair, arc, from - FULL_SLICE, to + 1);
        }
        // Paged, as the service streams it: the same ids in the same order.
        List<OpId> paged = new ArrayList<>();
        TimeSliceCursor after = null;
        do {
            TimeSlicePage page = result(pair.store().retrieveOpHashesInTimeSlicePage(DhtArc.FULL, new Timestamp(from), new Timestamp(to), after, 37));
            paged.addAll(page.opIds());
            after = page.next();
        } while (after != null);
        assertThat(paged).containsExactlyElementsOf(slice(pair.oracle(), DhtArc.FULL, from, to).opIds());

        // In one pass, as the service streams a slice: the same ids, and each seal read once for
        // the whole pass (paging from a cursor reads all 16 again for every page).
        observer.clear();
        TimeSliceReader pass = pair.store().openTimeSlice(DhtArc.FULL, new Timestamp(from), new Timestamp(to));
        List<OpId> onePass = new ArrayList<>();
        int pages = 0;
        TimeSlicePage page;
        do {
            page = result(pass.nextPage(37));
            onePass.addAll(page.opIds());
            pages++;
        } while (page.next() != null);
        assertThat(onePass).containsExactlyElementsOf(paged);
        assertThat(pages).isGreaterThan(10);
        assertThat(observer.allSeals()).containsExactly(new RecordingObserver.Seals("retrieve_op_hashes_in_time_slice", 16, 0));
    }

    @Test
    void aLateOpClearsTheSealInTheSameWriteAndIsAnswered() throws InterruptedException {
        Pair pair = pair(stores);
        long s = pastSlice();
        pair.add(ops(s, 400, 4));
        pair.settle();
        UUID space = pair.store().space().uid();
        slice(pair.store(), DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        awaitSealed(stores, space, s);

        long location = 0x7ABCDEF0L; // coarse bucket 7
        List<byte[]> late = List.of(Ops.memoryOp(location, 64, s * FULL_SLICE + 12_345, 999_999));
        OpId lateId = result(pair.store().processIncomingOps(late)).get(0);
        result(pair.oracle().processIncomingOps(late));
        assertThat(sealed(stores, space, 7, s)).as("the late op's partition").isNull();
        assertThat(sealed(stores, space, 6, s)).as("other partitions keep their seals").isNotNull();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        assertThat(slice(pair.store(), DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE).opIds()).contains(lateId);
    }

    @Test
    void aSealStampedBeforeALaterRowCannotHideIt() {
        // The protocol under the race: a scan that began before a row was written may land its seal
        // after that row. Its write time (scan start - lag) is older than the row's clear, so it loses.
        Pair pair = pair(stores);
        long s = pastSlice();
        pair.add(ops(s, 100, 5));
        UUID space = pair.store().space().uid();
        long scanStart = System.currentTimeMillis() * 1_000 - 1_000_000;
        long location = 0x30000000L; // coarse bucket 3
        pair.add(List.of(Ops.memoryOp(location, 64, s * FULL_SLICE + 777, 888_888)));
        ByteBuffer stale = SealedRows.encode(List.of(), 0); // a seal that knows none of the rows
        stores.session.execute(stores.session.prepare(SimpleStatement.newInstance("UPDATE " + TestStores.KEYSPACE
                        + ".ops_by_created USING TIMESTAMP ? SET sealed = ? WHERE space_uid = ? AND grain = 1 AND loc_bucket = 3 AND time_bucket = ?"))
                .bind(scanStart, stale, space, s));
        assertThat(sealed(stores, space, 3, s)).isNull();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
    }

    @Test
    void theCurrentSliceIsNotSealed() throws InterruptedException {
        Pair pair = pair(stores);
        long now = Math.floorDiv(System.currentTimeMillis() * 1_000, FULL_SLICE);
        List<byte[]> recent = new ArrayList<>();
        Random random = new Random(6);
        for (int i = 0; i < 200; i++) {
            recent.add(Ops.memoryOp(random.nextInt() & 0xFFFFFFFFL, 64, now * FULL_SLICE + i, 600_000 + i));
        }
        pair.add(recent);
        pair.settle();
        observer.clear();
        readWholeAndAssertNotSealed(stores, pair, now);
        // No one-row probe for a seal that cannot exist yet: one page per (small) partition.
        assertThat(observer.last().pages()).isEqualTo(observer.last().partitions());
    }

    @Test
    void aPartitionAboveTheCapIsReadRowByRowAndNotProbedAgain() throws InterruptedException {
        Pair pair = pair(smallSeals);
        long s = pastSlice();
        pair.add(ops(s, 800, 7)); // ~50 rows of ~90 bytes per coarse partition: over 1000 bytes
        pair.settle();
        observer.clear();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        RecordingObserver.Query first = observer.last();
        assertThat(first.pages()).as("the first read probes each partition for a seal: the probe and the rows").isGreaterThan(16);
        readWholeAndAssertNotSealed(smallSeals, pair, s);
        RecordingObserver.Query later = observer.last();
        assertThat(later.partitions()).isEqualTo(16);
        assertThat(later.pages()).as("known too big: no probe, one page of rows per partition").isEqualTo(16);
    }

    private static List<Row> chunks(TestStores on, UUID space, int coarseBucket, long timeBucket) {
        return on.session.execute(SimpleStatement.newInstance("SELECT seal, chunk FROM " + TestStores.KEYSPACE
                + ".sealed_chunks WHERE space_uid = ? AND grain = 1 AND loc_bucket = ? AND time_bucket = ?", space, coarseBucket, timeBucket)).all();
    }

    /** A past slice of 800 ops stored, read whole once (checked against the oracle) and sealed in chunks. */
    private record ChunkSealed(Pair pair, long slice, UUID space) {
    }

    private static ChunkSealed sealedInChunks(long seed) throws InterruptedException {
        Pair pair = pair(chunkedSeals);
        long s = pastSlice();
        pair.add(ops(s, 800, seed));
        pair.settle();
        UUID space = pair.store().space().uid();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        awaitSealed(chunkedSeals, space, s);
        return new ChunkSealed(pair, s, space);
    }

    @Test
    void partitionsBiggerThanAChunkAreSealedInChunksAndAnsweredFromThemExactly() throws InterruptedException {
        ChunkSealed fixture = sealedInChunks(8);
        Pair pair = fixture.pair();
        long s = fixture.slice();
        UUID space = fixture.space();
        for (int bucket = 0; bucket < 16; bucket++) {
            SealedRows.Chunked header = SealedRows.chunked(sealed(chunkedSeals, space, bucket, s));
            assertThat(header).as("partition %d holds a header, not rows", bucket).isNotNull();
            assertThat(header.chunks()).isGreaterThan(1);
            assertThat(chunks(chunkedSeals, space, bucket, s)).hasSize(header.chunks())
                    .allSatisfy(chunk -> assertThat(chunk.getLong("seal")).isEqualTo(header.seal()));
        }

        observer.clear();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        assertThat(observer.lastSeals()).isEqualTo(new RecordingObserver.Seals("retrieve_op_hashes_in_time_slice", 16, 0));
        long quarter = FULL_SLICE / 4;
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE + quarter, s * FULL_SLICE + 3 * quarter);
        assertSameSlice(pair, DhtArc.of(0x1000_0000L, 0x9FFF_FFFFL), s * FULL_SLICE, (s + 1) * FULL_SLICE);

        // A late op clears the header; the next whole read seals anew and removes the old chunks.
        int bucket = 3;
        long oldSeal = SealedRows.chunked(sealed(chunkedSeals, space, bucket, s)).seal();
        pair.add(List.of(Ops.memoryOp((long) bucket << 28 | 77, 64, s * FULL_SLICE + 5, 999_999)));
        assertThat(sealed(chunkedSeals, space, bucket, s)).isNull();
        pair.settle();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
        awaitSealed(chunkedSeals, space, s);
        SealedRows.Chunked resealed = SealedRows.chunked(sealed(chunkedSeals, space, bucket, s));
        assertThat(resealed.seal()).isGreaterThan(oldSeal);
        for (int attempt = 0; attempt < 50 && chunks(chunkedSeals, space, bucket, s).size() != resealed.chunks(); attempt++) {
            Thread.sleep(100);
        }
        assertThat(chunks(chunkedSeals, space, bucket, s)).as("only the new seal's chunks are left").hasSize(resealed.chunks())
                .allSatisfy(chunk -> assertThat(chunk.getLong("seal")).isEqualTo(resealed.seal()));
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
    }

    @Test
    void aMissingChunkFailsTheReadInsteadOfShorteningItAndClearsTheSeal() throws InterruptedException {
        ChunkSealed fixture = sealedInChunks(9);
        Pair pair = fixture.pair();
        long s = fixture.slice();
        UUID space = fixture.space();
        int bucket = 5;
        SealedRows.Chunked header = SealedRows.chunked(sealed(chunkedSeals, space, bucket, s));
        chunkedSeals.session.execute(SimpleStatement.newInstance("DELETE FROM " + TestStores.KEYSPACE
                + ".sealed_chunks WHERE space_uid = ? AND grain = 1 AND loc_bucket = ? AND time_bucket = ? AND seal = ? AND chunk = 1",
                space, bucket, s, header.seal()));

        assertThatThrownBy(() -> slice(pair.store(), DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("missing chunk 1");
        for (int attempt = 0; attempt < 50 && sealed(chunkedSeals, space, bucket, s) != null; attempt++) {
            Thread.sleep(100);
        }
        assertThat(sealed(chunkedSeals, space, bucket, s)).as("the broken seal is cleared").isNull();
        assertSameSlice(pair, DhtArc.FULL, s * FULL_SLICE, (s + 1) * FULL_SLICE);
    }

    /** Reads the slice whole, gives a seal time to land, finds none, and reads again. */
    private static void readWholeAndAssertNotSealed(TestStores on, Pair pair, long slice) throws InterruptedException {
        assertSameSlice(pair, DhtArc.FULL, slice * FULL_SLICE, (slice + 1) * FULL_SLICE);
        assertThat(observer.lastSeals().sealed()).isZero();
        Thread.sleep(500);
        for (int bucket = 0; bucket < 16; bucket++) {
            assertThat(sealed(on, pair.store().space().uid(), bucket, slice)).isNull();
        }
        assertSameSlice(pair, DhtArc.FULL, slice * FULL_SLICE, (slice + 1) * FULL_SLICE);
    }
}
