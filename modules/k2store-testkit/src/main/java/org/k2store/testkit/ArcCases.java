package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.Timestamp;

/**
 * kitsune2's {@code DhtArc} tests (crate {@code kitsune2_api}, {@code crates/api/src/arc.rs}), asked of a
 * store: every location the upstream test says an arc contains (or not) holds an op, and each store
 * query must agree with {@code contains}. The wrapping arc is run twice: with upstream's start
 * {@code u32::MAX - 32 = 2^32 - 33}, and with the contract's {@code 2^32 - 32}; the location
 * {@code 2^32 - 33} is inside the first and outside the second.
 */
abstract class ArcCases extends UpstreamCases {

    private static final String ARC_RS = "holochain/kitsune2 crates/api/src/arc.rs ";
    private static final long U32_MAX = DhtArc.MAX_LOCATION;

    ArcCases(OpStoreConformanceSuite suite) {
        super(suite);
    }

    /** Upstream's own arc: {@code Arc(u32::MAX - 32, 32)}. */
    @Test
    @DisplayName(ARC_RS + "contains_wraps_around, start u32::MAX - 32 = 2^32 - 33")
    void wrappingArcFromTwoToTheThirtyTwoMinus33() {
        wrappingArc(DhtArc.of(U32_MAX - 32, 32), true);
    }

    /** The contract's wrapping case: {@code Arc(2^32 - 32, 32)}. */
    @Test
    @DisplayName(ARC_RS + "contains_wraps_around, start 2^32 - 32 (the contract's case)")
    void wrappingArcFromTwoToTheThirtyTwoMinus32() {
        wrappingArc(DhtArc.of(U32_MAX - 31, 32), false);
    }

    private void wrappingArc(DhtArc arc, boolean holdsTwoToTheThirtyTwoMinus33) {
        OpStore store = store();
        // location -> created_at. The ops outside the arc are the oldest, so a store that wrongly
        // includes one shows it in earliest_timestamp_in_arc as well as in the slices.
        Map<Long, Long> ops = new LinkedHashMap<>();
        ops.put(U32_MAX - 33, 5L); // outside both arcs
        ops.put(33L, 6L); // outside both arcs
        ops.put(1L << 31, 7L); // the far side of the ring
        ops.put(U32_MAX - 32, 8L); // 2^32 - 33: inside upstream's arc only
        ops.put(U32_MAX, 10L);
        ops.put(0L, 20L);
        ops.put(20L, 25L);
        ops.put(U32_MAX - 1, 30L);
        ops.put(32L, 35L);
        ops.put(U32_MAX - 31, 40L); // 2^32 - 32: the start of the contract's arc
        List<byte[]> batch = new ArrayList<>();
        ops.forEach((location, createdAt) -> batch.add(memoryOp(createdAt, atLocation(location))));
        store(store, batch);

        List<Long> inside = ops.keySet().stream().filter(arc::contains).toList();
        assertThat(inside).as("the arc holds exactly the locations upstream's test says it does")
                .contains(U32_MAX - 31, U32_MAX - 1, U32_MAX, 0L, 20L, 32L).doesNotContain(U32_MAX - 33, 33L, 1L << 31);
        assertThat(inside.contains(U32_MAX - 32)).isEqualTo(holdsTwoToTheThirtyTwoMinus33);

        List<OpId> byCreatedAt = inside.stream().sorted((a, b) -> Long.compare(ops.get(a), ops.get(b)))
                .map(location -> memoryOpId(atLocation(location))).toList();
        var slice = result(store.retrieveOpHashesInTimeSlice(arc, new Timestamp(0), new Timestamp(100)));
        assertThat(slice.opIds()).containsExactlyElementsOf(byCreatedAt);
        assertThat(slice.totalBytes()).isEqualTo(32L * inside.size());
        assertThat(result(store.retrieveOpHashesInTimeSlice(arc, new Timestamp(9), new Timestamp(21))).opIds())
                .containsExactly(memoryOpId(atLocation(U32_MAX)), memoryOpId(atLocation(0)));

        assertThat(result(store.earliestTimestampInArc(arc))).contains(new Timestamp(holdsTwoToTheThirtyTwoMinus33 ? 8 : 10));

        List<OpId> byStoredAt = inside.stream().map(location -> memoryOpId(atLocation(location))).toList();
        assertThat(result(store.retrieveOpIdsBounded(arc, new Timestamp(0), OpSizes.U32_MAX)).opIds())
                .containsExactlyElementsOf(byStoredAt);
        assertThat(result(store.retrieveOpIdsBounded(arc, new Timestamp(0), 64)).opIds())
                .containsExactlyElementsOf(byStoredAt.subList(0, 2));

        // A wrapping arc is a slice-hash key like any other, apart from the arc it overlaps.
        DhtArc other = holdsTwoToTheThirtyTwoMinus33 ? DhtArc.of(U32_MAX - 31, 32) : DhtArc.of(U32_MAX - 32, 32);
        result(store.storeSliceHash(arc, 3, new byte[] {3}));
        result(store.storeSliceHash(other, 5, new byte[] {5}));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(4L);
        assertThat(result(store.sliceHashCount(other))).isEqualTo(6L);
        assertThat(result(store.retrieveSliceHashes(arc))).containsExactly(new SliceHash(3, new byte[] {3}));
        assertThat(result(store.retrieveSliceHash(arc, 5))).isEmpty();
        assertThat(result(store.queryTotalOpCount())).isEqualTo((long) ops.size());
    }

    /** The three other containment tests, asked of a store holding an op at each location they name. */
    @Test
    @DisplayName(ARC_RS + "contains_full_arc_all_values, contains_includes_bounds, contains_empty_arc_no_locations")
    void fullArcBoundsAndEmptyArc() {
        OpStore store = store();
        long[] locations = {0, 31, 32, 64, 65, U32_MAX / 2, U32_MAX};
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < locations.length; i++) {
            batch.add(memoryOp(10 + i, atLocation(locations[i])));
        }
        store(store, batch);
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(100))).opIds())
                .hasSize(locations.length).contains(memoryOpId(atLocation(0)), memoryOpId(atLocation(U32_MAX / 2)),
                        memoryOpId(atLocation(U32_MAX)));
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.of(32, 64), new Timestamp(0), new Timestamp(100))).opIds())
                .as("both bounds are inclusive").containsExactly(memoryOpId(atLocation(32)), memoryOpId(atLocation(64)));
        assertThat(result(store.earliestTimestampInArc(DhtArc.of(32, 64)))).contains(new Timestamp(12));
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.EMPTY, new Timestamp(0), new Timestamp(100))).opIds()).isEmpty();
        assertThat(result(store.earliestTimestampInArc(DhtArc.EMPTY))).isEmpty();
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.EMPTY, new Timestamp(0), OpSizes.U32_MAX)).opIds()).isEmpty();
    }
}
