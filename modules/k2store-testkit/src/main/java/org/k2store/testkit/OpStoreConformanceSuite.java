package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.failure;
import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.k2store.api.BoundedCursor;
import org.k2store.api.BoundedPage;
import org.k2store.api.BoundedStep;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
import org.k2store.api.LocationScheme;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.OpStore;
import org.k2store.api.PagedBoundedPages;
import org.k2store.api.PagedSliceHashes;
import org.k2store.api.PagedTimeSlices;
import org.k2store.api.TimeSliceCursor;
import org.k2store.api.TimeSlicePage;
import org.k2store.api.TimeSliceReader;
import org.k2store.api.SettleWindow;
import org.k2store.api.SliceHash;
import org.k2store.api.SpaceSettings;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.api.codec.MemoryOps;
import org.k2store.api.codec.OpCodec;

/**
 * The OpStore contract as tests. An implementation runs it by extending this class and saying how
 * to open a fresh store; every reference case of the contract and every edge case it names is here.
 * Time comes from a {@link ManualClock}, so {@code stored_at} values are known and nothing sleeps.
 */
public abstract class OpStoreConformanceSuite {

    protected static final long T0 = 1_700_000_000_000_000L;
    private static final long TOP = DhtArc.MAX_LOCATION;

    protected final ManualClock clock = new ManualClock(T0);

    /** A fresh, empty store of one space. */
    protected abstract StoreFactory factory();

    /** How many random sequences the differential run checks per space kind; override to scale. */
    protected int differentialSequences() {
        return 40;
    }

    protected int differentialLength() {
        return 60;
    }

    protected OpStore store() {
        return store(SpaceSettings.KITSUNE2_MEMORY);
    }

    protected OpStore store(SpaceSettings settings) {
        return factory().open(settings, clock, SettleWindow.NONE);
    }

    private static List<OpId> store(OpStore store, byte[]... ops) {
        return result(store.processIncomingOps(Ops.list(ops)));
    }

    private static OpId id(long location) {
        return Ops.memoryOpId(location, 32);
    }

    // ---- process_incoming_ops, retrieve_ops, filter_out_existing_ops, op count

    @Test
    void storedOpIsRetrievedWithTheSameIdAndBytes() {
        OpStore store = store();
        byte[] op = Ops.memoryOp(7, 40, 1234);
        assertThat(store(store, op)).containsExactly(id(7));
        List<MetaOp> found = result(store.retrieveOps(List.of(id(7))));
        assertThat(found).containsExactly(new MetaOp(id(7), op));
    }

    @Test
    void everyInputIdIsReturnedInOrderWithDuplicatesAndStoredOnes() {
        OpStore store = store();
        store(store, Ops.memoryOp(2, 32, 10));
        List<OpId> ids = store(store, Ops.memoryOp(1, 32, 10), Ops.memoryOp(2, 32, 10), Ops.memoryOp(1, 32, 10));
        assertThat(ids).containsExactly(id(1), id(2), id(1));
        assertThat(result(store.queryTotalOpCount())).isEqualTo(2L);
    }

    @Test
    void firstWriteWinsForDataCreatedAtAndStoredAt() {
        OpStore store = store();
        byte[] first = MemoryOps.encode(100, MemoryOps.payloadAt(5, 40));
        byte[] longer = MemoryOps.encode(900, MemoryOps.payloadAt(5, 48)); // same first 32 bytes: same id
        store(store, first);
        clock.advance(1_000);
        Timestamp afterFirst = clock.now();
        assertThat(store(store, longer)).containsExactly(id(5));

        assertThat(result(store.retrieveOps(List.of(id(5))))).containsExactly(new MetaOp(id(5), first));
        TimeSliceHashes slice = result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(1000)));
        assertThat(slice.opIds()).containsExactly(id(5));
        assertThat(slice.totalBytes()).isEqualTo(40);
        BoundedPage later = result(store.retrieveOpIdsBounded(DhtArc.FULL, afterFirst, OpSizes.U32_MAX));
        assertThat(later.opIds()).as("a re-stored op keeps its first stored_at").isEmpty();
    }

    @Test
    void firstRecordWithinOneBatchWins() {
        OpStore store = store();
        byte[] first = MemoryOps.encode(100, MemoryOps.payloadAt(5, 40));
        byte[] second = MemoryOps.encode(200, MemoryOps.payloadAt(5, 44));
        assertThat(store(store, first, second)).containsExactly(id(5), id(5));
        assertThat(result(store.retrieveOps(List.of(id(5))))).containsExactly(new MetaOp(id(5), first));
        assertThat(result(store.earliestTimestampInArc(DhtArc.FULL))).contains(new Timestamp(100));
    }

    @Test
    void retrieveSkipsUnknownIdsAndRepeatsDuplicatesInInputOrder() {
        OpStore store = store();
        byte[] one = Ops.memoryOp(1, 32, 10);
        byte[] two = Ops.memoryOp(2, 32, 20);
        store(store, one, two);
        List<MetaOp> found = result(store.retrieveOps(List.of(id(2), id(99), id(1), id(2))));
        assertThat(found).containsExactly(new MetaOp(id(2), two), new MetaOp(id(1), one), new MetaOp(id(2), two));
        assertThat(result(store.retrieveOps(List.of()))).isEmpty();
    }

    @Test
    void filterKeepsMissingIdsInOrderWithDuplicates() {
        OpStore store = store();
        store(store, Ops.memoryOp(1, 32, 10));
        List<OpId> missing = result(store.filterOutExistingOps(List.of(id(3), id(1), id(2), id(3))));
        assertThat(missing).containsExactly(id(3), id(2), id(3));
        assertThat(result(store.filterOutExistingOps(List.of()))).isEmpty();
    }

    @Test
    void opCountCountsDistinctOps() {
        OpStore store = store();
        assertThat(result(store.queryTotalOpCount())).isZero();
        store(store, Ops.memoryOp(1, 32, 10), Ops.memoryOp(2, 32, 10));
        assertThat(result(store.queryTotalOpCount())).isEqualTo(2L);
        store(store, Ops.memoryOp(1, 32, 10));
        assertThat(result(store.queryTotalOpCount())).isEqualTo(2L);
    }

    @Test
    void malformedOpFailsTheWholeBatchNamingItsIndexAndStoresNothing() {
        OpStore store = store();
        byte[] good = Ops.memoryOp(1, 32, 10);
        for (String bad : List.of("{\"created_at\": 1}", "{\"op_data\": [1]}", "not json", "[1,2]",
                "{\"created_at\": \"x\", \"op_data\": []}", "{\"created_at\": 1, \"op_data\": [256]}",
                "{\"created_at\": 99999999999999999999, \"op_data\": [1]}", "{\"created_at\": 1, \"op_data\": [1]} x")) {
            Throwable error = failure(store.processIncomingOps(Ops.list(good, bad.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            assertThat(error).as(bad).isInstanceOf(InvalidInputException.class).hasMessageContaining("ops[1]");
        }
        assertThat(result(store.queryTotalOpCount())).isZero();
        assertThat(result(store.retrieveOps(List.of(id(1))))).isEmpty();
        assertThat(result(store.filterOutExistingOps(List.of(id(1))))).containsExactly(id(1));
    }

    @Test
    void envelopeSpaceWithSuffixLocationsPlacesOpsByTheirSuffix() {
        OpStore store = store(new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32));
        OpId high = Ops.suffixId(0xF000_0001L, 1);
        OpId low = Ops.suffixId(5, 2);
        byte[] data = {1, 2, 3};
        assertThat(result(store.processIncomingOps(Ops.list(Ops.envelope(high, 50, data), Ops.envelope(low, 60, new byte[0])))))
                .containsExactly(high, low);
        assertThat(result(store.retrieveOps(List.of(high)))).containsExactly(new MetaOp(high, data));
        TimeSliceHashes top = result(store.retrieveOpHashesInTimeSlice(DhtArc.of(0xF000_0000L, TOP), new Timestamp(0), new Timestamp(100)));
        assertThat(top.opIds()).containsExactly(high);
        assertThat(top.totalBytes()).isEqualTo(3);

        byte[] wrongLength = Ops.envelope(OpId.of(new byte[32]), 70, data);
        assertThat(failure(store.processIncomingOps(Ops.list(wrongLength)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ops[0].op_id").hasMessageContaining("36");
        assertThat(result(store.queryTotalOpCount())).isEqualTo(2L);
    }

    // ---- retrieve_op_hashes_in_time_slice

    @Test
    void timeSliceEndIsExclusiveAndArcBoundsAreInclusive() {
        OpStore store = store();
        store(store, Ops.memoryOp(50, 32, 100), Ops.memoryOp(101, 32, 10), Ops.memoryOp(100, 32, 99),
                Ops.memoryOp(0, 32, 0), Ops.memoryOp(60, 32, 20));
        TimeSliceHashes slice = result(store.retrieveOpHashesInTimeSlice(DhtArc.of(0, 100), new Timestamp(0), new Timestamp(100)));
        assertThat(slice.opIds()).containsExactly(id(0), id(60), id(100));
        assertThat(slice.totalBytes()).isEqualTo(96);
    }

    @Test
    void timeSliceReferenceCase() {
        OpStore store = store();
        for (int i = 1; i <= 5; i++) {
            store(store, Ops.memoryOp(i, 32 + i, i * 100L));
        }
        Timestamp now = clock.now();
        TimeSliceHashes all = result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), now));
        assertThat(all.opIds()).containsExactly(Ops.memoryOpId(1, 33), Ops.memoryOpId(2, 34), Ops.memoryOpId(3, 35),
                Ops.memoryOpId(4, 36), Ops.memoryOpId(5, 37));
        assertThat(all.totalBytes()).isEqualTo(33 + 34 + 35 + 36 + 37);
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(300))).opIds())
                .hasSize(2);
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(1000), now)).opIds()).isEmpty();
    }

    @Test
    void timeSliceTiesBreakByOpId() {
        OpStore store = store();
        store(store, Ops.memoryOp(9, 32, 500), Ops.memoryOp(3, 32, 500), Ops.memoryOp(6, 32, 400));
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(1000))).opIds())
                .containsExactly(id(6), id(3), id(9));
    }

    @Test
    void emptyAndBackwardsRangesAndEmptyArcFindNothing() {
        OpStore store = store();
        store(store, Ops.memoryOp(1, 32, 100));
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(100), new Timestamp(100))).opIds()).isEmpty();
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(200), new Timestamp(0))).opIds()).isEmpty();
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.EMPTY, new Timestamp(0), new Timestamp(1000))).opIds()).isEmpty();
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, Timestamp.MIN, Timestamp.MAX)).opIds()).containsExactly(id(1));
    }

    @Test
    void timeSlicePagesConcatenateToTheSlice() {
        OpStore store = store();
        Assumptions.assumeTrue(store instanceof PagedTimeSlices, "the store does not page time slices");
        PagedTimeSlices paged = (PagedTimeSlices) store;
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(Ops.memoryOp((long) i * 100_000_000L, 20 + i, i % 7 * 10, i));
        }
        result(store.processIncomingOps(batch));
        DhtArc arc = DhtArc.of(TOP - 1_000_000_000L, 2_500_000_000L);
        TimeSliceHashes whole = result(store.retrieveOpHashesInTimeSlice(arc, new Timestamp(10), new Timestamp(60)));
        List<OpId> pagedIds = new ArrayList<>();
        long pagedBytes = 0;
        TimeSliceCursor cursor = null;
        int pages = 0;
        do {
            TimeSlicePage page = result(paged.retrieveOpHashesInTimeSlicePage(arc, new Timestamp(10), new Timestamp(60), cursor, 3));
            assertThat(page.opIds().size()).isLessThanOrEqualTo(3);
            pagedIds.addAll(page.opIds());
            pagedBytes += page.totalBytes();
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(whole.opIds()).hasSizeGreaterThan(6);
        assertThat(pagedIds).isEqualTo(whole.opIds());
        assertThat(pagedBytes).isEqualTo(whole.totalBytes());
        assertThat(failure(paged.retrieveOpHashesInTimeSlicePage(arc, new Timestamp(0), new Timestamp(1), null, 0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_ids");
    }

    @Test
    void aTimeSliceReadInOnePassConcatenatesToTheSlice() {
        OpStore store = store();
        Assumptions.assumeTrue(store instanceof PagedTimeSlices, "the store does not page time slices");
        PagedTimeSlices paged = (PagedTimeSlices) store;
        // Over five days and the whole ring, so a pass crosses time buckets and location buckets.
        long hour = 3_600_000_000L;
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(Ops.memoryOp((long) i * 71_582_788L, 20 + i, i % 20 * 6 * hour + i, i));
        }
        result(store.processIncomingOps(batch));
        Timestamp start = new Timestamp(hour);
        Timestamp end = new Timestamp(110 * hour);
        for (DhtArc arc : List.of(DhtArc.FULL, DhtArc.of(TOP - 1_000_000_000L, 2_500_000_000L))) {
            TimeSliceHashes whole = result(store.retrieveOpHashesInTimeSlice(arc, start, end));
            assertThat(whole.opIds()).hasSizeGreaterThan(8);
            for (int maxIds : new int[] {1, 4, whole.opIds().size(), 1000}) {
                TimeSliceReader pass = paged.openTimeSlice(arc, start, end);
                List<OpId> ids = new ArrayList<>();
                long bytes = 0;
                TimeSlicePage page;
                int pages = 0;
                do {
                    page = result(pass.nextPage(maxIds));
                    if (page.next() != null) {
                        assertThat(page.opIds()).as("a page before the last is full").hasSize(maxIds);
                    }
                    assertThat(page.opIds().size()).isLessThanOrEqualTo(maxIds);
                    ids.addAll(page.opIds());
                    bytes += page.totalBytes();
                    pages++;
                } while (page.next() != null && pages < 200);
                assertThat(ids).as("arc %s in pages of %d", arc, maxIds).isEqualTo(whole.opIds());
                assertThat(bytes).isEqualTo(whole.totalBytes());
                assertThat(result(pass.nextPage(maxIds)).opIds()).as("after the last page").isEmpty();
            }
        }
        assertThat(failure(paged.openTimeSlice(DhtArc.FULL, start, end).nextPage(0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_ids");
        TimeSlicePage empty = result(paged.openTimeSlice(DhtArc.EMPTY, start, end).nextPage(5));
        assertThat(empty.opIds()).isEmpty();
        assertThat(empty.next()).isNull();
    }

    @Test
    void negativeCreatedAtIsOrderedBeforeTheEpoch() {
        OpStore store = store();
        store(store, Ops.memoryOp(1, 32, 5), Ops.memoryOp(2, 32, -5));
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(-10), new Timestamp(10))).opIds())
                .containsExactly(id(2), id(1));
        assertThat(result(store.earliestTimestampInArc(DhtArc.FULL))).contains(new Timestamp(-5));
    }

    @Test
    void wrappingArcCoversTheTopOfTheRingAndZero() {
        OpStore store = store();
        DhtArc wrapping = DhtArc.of(TOP - 31, 32);
        store(store, Ops.memoryOp(TOP, 32, 10), Ops.memoryOp(0, 32, 20), Ops.memoryOp(32, 32, 30),
                Ops.memoryOp(33, 32, 5), Ops.memoryOp(TOP - 32, 32, 6), Ops.memoryOp(TOP - 31, 32, 40));
        TimeSliceHashes slice = result(store.retrieveOpHashesInTimeSlice(wrapping, new Timestamp(0), new Timestamp(100)));
        assertThat(slice.opIds()).containsExactly(id(TOP), id(0), id(32), id(TOP - 31));
        assertThat(result(store.earliestTimestampInArc(wrapping))).contains(new Timestamp(10));
        BoundedPage page = result(store.retrieveOpIdsBounded(wrapping, new Timestamp(0), OpSizes.U32_MAX));
        assertThat(page.opIds()).containsExactly(id(TOP), id(0), id(32), id(TOP - 31));
    }

    @Test
    void locationsAboveTwoToTheThirtyOneAreUnsigned() {
        OpStore store = store();
        long high = 0x8000_0005L;
        store(store, Ops.memoryOp(high, 32, 10), Ops.memoryOp(5, 32, 10));
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.of(0x8000_0000L, TOP), new Timestamp(0), new Timestamp(100))).opIds())
                .containsExactly(id(high));
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.of(0, 0x7FFF_FFFFL), new Timestamp(0), new Timestamp(100))).opIds())
                .containsExactly(id(5));
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.sector(256), new Timestamp(0), new Timestamp(100))).opIds())
                .containsExactly(id(high));
    }

    // ---- earliest_timestamp_in_arc

    @Test
    void earliestTimestampIsTheLeastCreatedAtInTheArc() {
        OpStore store = store();
        assertThat(result(store.earliestTimestampInArc(DhtArc.FULL))).isEmpty();
        store(store, Ops.memoryOp(10, 32, 300), Ops.memoryOp(20, 32, 200), Ops.memoryOp(5000, 32, 100));
        assertThat(result(store.earliestTimestampInArc(DhtArc.of(0, 100)))).contains(new Timestamp(200));
        assertThat(result(store.earliestTimestampInArc(DhtArc.FULL))).contains(new Timestamp(100));
        assertThat(result(store.earliestTimestampInArc(DhtArc.of(21, 4999)))).isEmpty();
        assertThat(result(store.earliestTimestampInArc(DhtArc.EMPTY))).isEmpty();
    }

    // ---- retrieve_op_ids_bounded

    @Test
    void boundedOnEmptyArcReturnsNothingAndNow() {
        OpStore store = store();
        store(store, Ops.memoryOp(1, 32, 10));
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.EMPTY, new Timestamp(0), OpSizes.U32_MAX));
        assertThat(page.opIds()).isEmpty();
        assertThat(page.totalBytes()).isZero();
        assertThat(page.next().micros()).isPositive().isEqualTo(clock.nowMicros());
    }

    @Test
    void boundedStopsAtTheFirstOpThatDoesNotFit() {
        OpStore store = store();
        store(store, Ops.memoryOp(1, 32, 10), Ops.memoryOp(2, 32, 10), Ops.memoryOp(3, 32, 10));
        clock.advance(1_000);
        Timestamp before = clock.now();
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.of(0, 32), new Timestamp(0), 68));
        assertThat(page.opIds()).containsExactly(id(1), id(2));
        assertThat(page.totalBytes()).isEqualTo(64);
        assertThat(page.next()).isLessThan(before);
        BoundedPage rest = result(store.retrieveOpIdsBounded(DhtArc.of(0, 32), page.next(), OpSizes.U32_MAX));
        assertThat(rest.opIds()).as("next is the third op's stored_at").containsExactly(id(3));
    }

    @Test
    void boundedPagesOverTwoArcsFromTheEarlierBookmark() {
        OpStore store = store();
        store(store, Ops.memoryOp(1, 32, 10), Ops.memoryOp(2, 32, 10), Ops.memoryOp(3, 32, 10),
                Ops.memoryOp(50, 32, 10), Ops.memoryOp(51, 32, 10), Ops.memoryOp(52, 32, 10));
        clock.advance(1_000);
        BoundedPage low = result(store.retrieveOpIdsBounded(DhtArc.of(0, 32), new Timestamp(0), 164));
        assertThat(low.opIds()).hasSize(3);
        assertThat(low.totalBytes()).isEqualTo(96);
        assertThat(low.next()).isEqualTo(clock.now());
        BoundedPage high = result(store.retrieveOpIdsBounded(DhtArc.of(32, 64), new Timestamp(0), 68));
        assertThat(high.opIds()).containsExactly(id(50), id(51));
        assertThat(high.totalBytes()).isEqualTo(64);
        Timestamp resume = low.next().compareTo(high.next()) < 0 ? low.next() : high.next();
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.of(0, 32), resume, 1000)).opIds()).isEmpty();
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.of(32, 64), resume, 1000)).opIds()).containsExactly(id(52));
    }

    @Test
    void boundedDoesNotSkipAheadToSmallerOps() {
        OpStore store = store();
        byte[] nine = MemoryOps.encode(10, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9});
        byte[] three = MemoryOps.encode(10, new byte[] {3, 3, 3});
        byte[] one = MemoryOps.encode(10, new byte[] {1});
        store(store, nine, three, one);
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 10));
        assertThat(page.opIds()).hasSize(1);
        assertThat(page.totalBytes()).isEqualTo(9);
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, page.next(), 10)).opIds()).hasSize(2);
    }

    @Test
    void boundedStallsWhenTheFirstOpAloneExceedsTheLimit() {
        OpStore store = store();
        store(store, Ops.memoryOp(1, 100, 10));
        clock.advance(5_000);
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 99));
        assertThat(page.opIds()).isEmpty();
        assertThat(page.totalBytes()).isZero();
        assertThat(page.next()).isEqualTo(new Timestamp(T0));
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, page.next(), 99))).isEqualTo(page);
    }

    @Test
    void boundedStartIsInclusive() {
        OpStore store = store();
        clock.set(T0 + 500);
        store(store, Ops.memoryOp(1, 32, 10));
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(T0 + 500), 1000)).opIds()).containsExactly(id(1));
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(T0 + 501), 1000)).opIds()).isEmpty();
    }

    @Test
    void boundedReferenceCaseOf1500Ops() {
        OpStore store = store();
        long firstHalfBytes = 0;
        for (int i = 0; i < 1500; i++) {
            clock.set((i + 1) * 100L);
            int size = 20 + i % 13;
            store(store, Ops.memoryOp(i, size, i, i));
            if (i < 750) {
                firstHalfBytes += size;
            }
        }
        clock.set(1_000_000);
        BoundedPage all = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX));
        assertThat(all.opIds()).hasSize(1500);
        assertThat(all.next()).isEqualTo(new Timestamp(1_000_000));
        BoundedPage half = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), firstHalfBytes));
        assertThat(half.opIds()).hasSize(750).isEqualTo(all.opIds().subList(0, 750));
        assertThat(half.totalBytes()).isEqualTo(firstHalfBytes);
        assertThat(half.next()).isEqualTo(new Timestamp(751 * 100L));
    }

    @Test
    void pagingThroughABatchStoredAtOneInstantReachesEveryOpOnce() {
        OpStore store = store();
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(Ops.memoryOp(i * 1000L, 32, 10, i));
        }
        List<OpId> stored = result(store.processIncomingOps(batch));
        clock.advance(1_000_000);
        List<OpId> seen = new ArrayList<>();
        Timestamp bookmark = new Timestamp(0);
        for (int round = 0; round < 20 && seen.size() < 50; round++) {
            BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.FULL, bookmark, 7 * 32));
            assertThat(page.opIds()).as("round %d makes progress", round).isNotEmpty();
            seen.addAll(page.opIds());
            bookmark = page.next();
        }
        assertThat(seen).containsExactlyElementsOf(stored);
    }

    @Test
    void settleWindowLagsEveryBookmark() {
        long window = 2_000_000;
        OpStore store = factory().open(SpaceSettings.KITSUNE2_MEMORY, clock, new SettleWindow(window));
        store(store, Ops.memoryOp(1, 32, 10), Ops.memoryOp(2, 32, 10));
        Timestamp storedAt = clock.now();
        clock.advance(10_000_000);
        BoundedPage everything = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1000));
        assertThat(everything.opIds()).hasSize(2);
        assertThat(everything.next()).isEqualTo(new Timestamp(clock.nowMicros() - window));
        BoundedPage settledFull = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 40));
        assertThat(settledFull.next()).as("an old op that did not fit is the bookmark").isEqualTo(new Timestamp(storedAt.micros() + 1));

        clock.set(storedAt.micros() + 1_000);
        BoundedPage fresh = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 40));
        assertThat(fresh.opIds()).hasSize(1);
        assertThat(fresh.next()).as("an op not yet settled is not stepped over")
                .isEqualTo(new Timestamp(storedAt.micros() + 1_000 - window));
    }

    @Test
    void boundedStepsConcatenateToThePageForEveryBudgetAndStep() {
        OpStore store = store(new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32));
        Assumptions.assumeTrue(store instanceof PagedBoundedPages, "the store does not read bounded pages in steps");
        PagedBoundedPages paged = (PagedBoundedPages) store;
        List<byte[]> batch = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 30; i++) {
            int size = i % 4 == 0 ? 0 : 10 + i; // zero-size ops too: a budget does not bound their count
            batch.add(Ops.envelope(Ops.suffixId((long) i * 100_000_000L, i), i, new byte[size]));
            bytes += size;
        }
        clock.set(T0);
        result(store.processIncomingOps(batch));
        clock.set(T0 + 1_000_000);
        DhtArc arc = DhtArc.of(TOP - 1_000_000_000L, 2_000_000_000L);
        for (long budget : new long[] {OpSizes.U32_MAX, bytes / 2, 0, 11, 21}) {
            BoundedPage whole = result(store.retrieveOpIdsBounded(arc, new Timestamp(T0 + 2), budget));
            for (int step : new int[] {1, 2, 3, 1000}) {
                List<OpId> ids = new ArrayList<>();
                long total = 0;
                BoundedCursor cursor = null;
                BoundedStep last;
                int steps = 0;
                do {
                    last = result(paged.retrieveOpIdsBoundedStep(arc, new Timestamp(T0 + 2), budget, cursor, step));
                    assertThat(last.opIds().size()).isLessThanOrEqualTo(step);
                    ids.addAll(last.opIds());
                    total += last.totalBytes();
                    cursor = last.resume();
                    clock.advance(1_000); // the bookmark is the first step's call start, not a later one's
                } while (!last.complete() && ++steps < 1000);
                clock.set(T0 + 1_000_000);
                assertThat(new BoundedPage(ids, total, last.next())).as("budget %d, step %d", budget, step).isEqualTo(whole);
            }
        }
        assertThat(result(store.retrieveOpIdsBounded(arc, new Timestamp(T0 + 2), OpSizes.U32_MAX)).opIds()).hasSizeGreaterThan(10);
        assertThat(failure(paged.retrieveOpIdsBoundedStep(arc, new Timestamp(0), 1, null, 0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_ids");
    }

    @Test
    void limitOutsideU32IsRejectedNamingTheField() {
        OpStore store = store();
        assertThat(failure(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), -1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit_bytes");
        assertThat(failure(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX + 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit_bytes");
    }

    // ---- slice hashes

    @Test
    void sliceHashReferenceCases() {
        OpStore store = store();
        DhtArc arc = DhtArc.of(0, 2);
        assertThat(result(store.sliceHashCount(arc))).isZero();
        assertThat(result(store.retrieveSliceHashes(arc))).isEmpty();
        assertThat(failure(store.storeSliceHash(arc, 1, new byte[0]))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Cannot insert empty combined hash");
        assertThat(result(store.sliceHashCount(arc))).isZero();

        byte[] hash = {1, 2, 3, 4};
        result(store.storeSliceHash(arc, 100, hash));
        assertThat(result(store.retrieveSliceHash(arc, 100))).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(101L);
        result(store.storeSliceHash(arc, 105, hash));
        result(store.storeSliceHash(arc, 115, hash));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(116L);
        assertThat(result(store.retrieveSliceHash(arc, 5_203_984_823L))).isEmpty();
        assertThat(result(store.retrieveSliceHash(arc, 101))).isEmpty();
    }

    @Test
    void sliceHashCountIsHighestIndexPlusOneNotARowCount() {
        OpStore store = store();
        DhtArc arc = DhtArc.sector(3);
        result(store.storeSliceHash(arc, 20, new byte[] {1}));
        result(store.storeSliceHash(arc, 2, new byte[] {2}));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(21L);
        assertThat(result(store.retrieveSliceHashes(arc)))
                .containsExactly(new SliceHash(2, new byte[] {2}), new SliceHash(20, new byte[] {1}));
    }

    @Test
    void sliceHashOverwriteKeepsOneRowWithTheLatestValue() {
        OpStore store = store();
        DhtArc arc = DhtArc.of(0, 4);
        result(store.storeSliceHash(arc, 7, new byte[] {1}));
        result(store.storeSliceHash(arc, 7, new byte[] {2, 2}));
        assertThat(result(store.retrieveSliceHashes(arc))).containsExactly(new SliceHash(7, new byte[] {2, 2}));
    }

    @Test
    void sliceHashesAreKeyedByTheExactArc() {
        OpStore store = store();
        result(store.storeSliceHash(DhtArc.of(0, 2), 1, new byte[] {1}));
        result(store.storeSliceHash(DhtArc.of(0, 4), 3, new byte[] {4}));
        result(store.storeSliceHash(DhtArc.EMPTY, 9, new byte[] {9}));
        assertThat(result(store.sliceHashCount(DhtArc.of(0, 2)))).isEqualTo(2L);
        assertThat(result(store.sliceHashCount(DhtArc.of(0, 4)))).isEqualTo(4L);
        assertThat(result(store.sliceHashCount(DhtArc.EMPTY))).isEqualTo(10L);
        assertThat(result(store.retrieveSliceHash(DhtArc.of(0, 2), 3))).isEmpty();
        assertThat(result(store.retrieveSliceHashes(DhtArc.FULL))).isEmpty();
    }

    @Test
    void sliceIndexesAreUnsigned64Bit() {
        OpStore store = store();
        DhtArc arc = DhtArc.FULL;
        long aboveTwoToThe63 = Long.MIN_VALUE + 5; // 2^63 + 5
        result(store.storeSliceHash(arc, aboveTwoToThe63, new byte[] {7}));
        result(store.storeSliceHash(arc, 3, new byte[] {3}));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(aboveTwoToThe63 + 1);
        assertThat(result(store.retrieveSliceHashes(arc)).stream().map(SliceHash::index).toList())
                .containsExactly(3L, aboveTwoToThe63);
        assertThat(result(store.retrieveSliceHash(arc, aboveTwoToThe63))).hasValueSatisfying(h -> assertThat(h).containsExactly(7));
        result(store.storeSliceHash(arc, -1L, new byte[] {1}));
        assertThat(result(store.sliceHashCount(arc))).as("2^64-1 + 1 saturates").isEqualTo(-1L);
    }

    @Test
    void sliceHashPagesConcatenateToTheArcsHashes() {
        OpStore store = store();
        Assumptions.assumeTrue(store instanceof PagedSliceHashes, "the store does not page slice hashes");
        PagedSliceHashes paged = (PagedSliceHashes) store;
        DhtArc arc = DhtArc.sector(5);
        long[] indexes = {0, 1, 2, 9, 40, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 5, -2L, -1L};
        for (long index : indexes) {
            result(store.storeSliceHash(arc, index, new byte[] {(byte) index, 1}));
        }
        result(store.storeSliceHash(DhtArc.sector(6), 3, new byte[] {3}));
        List<SliceHash> whole = result(store.retrieveSliceHashes(arc));
        List<SliceHash> pages = new ArrayList<>();
        long from = 0;
        while (true) {
            List<SliceHash> page = result(paged.retrieveSliceHashesFrom(arc, from, 3));
            assertThat(page.size()).isLessThanOrEqualTo(3);
            pages.addAll(page);
            long last = page.isEmpty() ? -1L : page.get(page.size() - 1).index();
            if (page.size() < 3 || last == -1L) {
                break;
            }
            from = last + 1;
        }
        assertThat(pages).isEqualTo(whole).hasSize(indexes.length);
        assertThat(result(paged.retrieveSliceHashesFrom(arc, Long.MIN_VALUE, 2)).stream().map(SliceHash::index).toList())
                .as("from 2^63, unsigned").containsExactly(Long.MIN_VALUE, Long.MIN_VALUE + 5);
        assertThat(result(paged.retrieveSliceHashesFrom(DhtArc.sector(7), 0, 10))).isEmpty();
    }

    @Test
    void storedSliceHashIsACopy() {
        OpStore store = store();
        byte[] hash = {1, 2, 3};
        result(store.storeSliceHash(DhtArc.FULL, 0, hash));
        hash[0] = 9;
        Optional<byte[]> stored = result(store.retrieveSliceHash(DhtArc.FULL, 0));
        assertThat(stored).hasValueSatisfying(h -> assertThat(Arrays.equals(h, new byte[] {1, 2, 3})).isTrue());
    }

    // ---- upstream's own op-store tests, ported (each case names its upstream file and test)

    @Nested
    @DisplayName("kitsune2_api DhtArc, wrapping arcs included")
    class Arcs extends ArcCases {
        Arcs() {
            super(OpStoreConformanceSuite.this);
        }
    }

    @Nested
    @DisplayName("kitsune2_core memory op store and time-slice hash store")
    class Kitsune2Core extends Kitsune2CoreCases {
        Kitsune2Core() {
            super(OpStoreConformanceSuite.this);
        }
    }

    @Nested
    @DisplayName("kitsune2_dht time partition")
    class Kitsune2Dht extends Kitsune2DhtCases {
        Kitsune2Dht() {
            super(OpStoreConformanceSuite.this);
        }
    }

    @Nested
    @DisplayName("kitsune2_dht hash partition (sectors)")
    class Kitsune2DhtSectors extends Kitsune2DhtSectorCases {
        Kitsune2DhtSectors() {
            super(OpStoreConformanceSuite.this);
        }
    }

    @Nested
    @DisplayName("kitsune2_gossip shared byte budget")
    class Kitsune2Gossip extends Kitsune2GossipCases {
        Kitsune2Gossip() {
            super(OpStoreConformanceSuite.this);
        }
    }

    @Nested
    @DisplayName("holochain_p2p op store")
    class HolochainOpStore extends HolochainOpStoreCases {
        HolochainOpStore() {
            super(OpStoreConformanceSuite.this);
        }
    }

    // ---- differential runs against the memory oracle

    @Test
    void agreesWithTheOracleOnRandomCallsInMemoryOpSpaces() {
        differential(SpaceSettings.KITSUNE2_MEMORY);
    }

    @Test
    void agreesWithTheOracleOnRandomCallsInEnvelopeSuffixSpaces() {
        differential(new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32));
    }

    @Test
    void agreesWithTheOracleOnRandomCallsInEnvelopeXorFoldSpaces() {
        differential(new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.XOR_FOLD));
    }

    private void differential(SpaceSettings settings) {
        boolean replaying = System.getProperty("k2store.diff.seed") != null;
        new DifferentialChecker(factory(), settings, replaying ? 1 : differentialSequences(), differentialLength())
                .check(DifferentialChecker.seed());
    }
}
