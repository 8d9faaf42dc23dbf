package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.failure;
import static org.k2store.testkit.Await.result;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.Timestamp;

/**
 * kitsune2's memory op store tests and its time-slice hash store tests (crate {@code kitsune2_core}),
 * through the OpStore API. The hash store's tests inspect its inner map ({@code inner.len()}, the
 * number of arcs); here that becomes what the API shows of it: the rows of each arc.
 * {@code highest_stored_id(arc) == Some(i)} becomes {@code slice_hash_count(arc) == i + 1}, which is
 * how kitsune2's memory store derives its count.
 */
abstract class Kitsune2CoreCases extends UpstreamCases {

    private static final String MEM_OP_STORE = "holochain/kitsune2 crates/core/src/factories/mem_op_store/test.rs ";
    private static final String HASH_STORE = "holochain/kitsune2 crates/core/src/factories/mem_op_store/time_slice_hash_store.rs ";

    Kitsune2CoreCases(OpStoreConformanceSuite suite) {
        super(suite);
    }

    // ---- mem_op_store/test.rs

    /** Upstream decodes the answer back into a MemoryOp; the contract returns the bytes as received. */
    @Test
    @DisplayName(MEM_OP_STORE + "process_and_retrieve_op")
    void processAndRetrieveOp() {
        OpStore store = store();
        byte[] op = memoryOp(clock().nowMicros(), new byte[] {1, 2, 3});
        OpId id = memoryOpId(new byte[] {1, 2, 3});
        assertThat(store(store, op)).containsExactly(id);
        List<MetaOp> retrieved = result(store.retrieveOps(List.of(id)));
        assertThat(retrieved).hasSize(1);
        assertThat(retrieved.get(0).opId()).isEqualTo(id);
        assertThat(retrieved.get(0).opData()).isEqualTo(op);
    }

    /**
     * Upstream asserts only {@code next > 0} ("the bookmark moves even though we didn't retrieve any
     * ops"); the contract makes it the call's start time, which the manual clock pins.
     */
    @Test
    @DisplayName(MEM_OP_STORE + "retrieve_op_ids_bounded_empty_arc")
    void retrieveOpIdsBoundedEmptyArc() {
        OpStore store = store();
        store(store, memoryOp(clock().nowMicros(), atLocation(1)));
        clock().advance(1_000);
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.EMPTY, new Timestamp(0), 100));
        assertThat(page.opIds()).isEmpty();
        assertThat(page.totalBytes()).isZero();
        assertThat(page.next().micros()).isPositive().isEqualTo(clock().nowMicros());
    }

    @Test
    @DisplayName(MEM_OP_STORE + "retrieve_op_ids_bounded_limit_applied")
    void retrieveOpIdsBoundedLimitApplied() {
        OpStore store = store();
        long now = clock().nowMicros();
        store(store, memoryOp(now, atLocation(1)), memoryOp(now, atLocation(2)), memoryOp(now, atLocation(3)));
        clock().advance(1_000);
        Timestamp beforeQuery = clock().now();
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.of(0, 32), new Timestamp(0), 68));
        assertThat(page.opIds()).containsExactly(memoryOpId(atLocation(1)), memoryOpId(atLocation(2)));
        assertThat(page.totalBytes()).isEqualTo(64);
        // The limit was hit, so the bookmark is the stored_at of the op that did not fit, not the call time.
        assertThat(page.next()).isLessThan(beforeQuery);
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.of(0, 32), page.next(), OpSizes.U32_MAX)).opIds())
                .containsExactly(memoryOpId(atLocation(3)));
    }

    /**
     * Upstream shares one budget of 164 bytes between the two arcs: the second call gets what the
     * first left (68). It then resumes both arcs from the earlier of the two bookmarks.
     */
    @Test
    @DisplayName(MEM_OP_STORE + "retrieve_op_ids_bounded_across_multiple_arcs")
    void retrieveOpIdsBoundedAcrossMultipleArcs() {
        OpStore store = store();
        long now = clock().nowMicros();
        store(store, memoryOp(now, atLocation(1)), memoryOp(now, atLocation(2)), memoryOp(now, atLocation(3)),
                memoryOp(now, atLocation(50)), memoryOp(now, atLocation(51)), memoryOp(now, atLocation(52)));
        clock().advance(1_000);

        Timestamp bookmark = new Timestamp(0);
        long limitBytes = 164;
        BoundedPage arc1 = result(store.retrieveOpIdsBounded(DhtArc.of(0, 32), bookmark, limitBytes));
        assertThat(arc1.opIds()).hasSize(3);
        assertThat(arc1.totalBytes()).isEqualTo(96);
        limitBytes -= arc1.totalBytes();
        BoundedPage arc2 = result(store.retrieveOpIdsBounded(DhtArc.of(32, 64), bookmark, limitBytes));
        assertThat(arc2.opIds()).containsExactly(memoryOpId(atLocation(50)), memoryOpId(atLocation(51)));
        assertThat(arc2.totalBytes()).isEqualTo(64);

        Timestamp newBookmark = arc1.next().compareTo(arc2.next()) <= 0 ? arc1.next() : arc2.next();
        assertThat(newBookmark).isGreaterThan(bookmark);
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.of(0, 32), newBookmark, 1_000)).opIds())
                .as("nothing more to fetch in the first arc").isEmpty();
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.of(32, 64), newBookmark, 1_000)).opIds())
                .as("the remaining op of the second arc").containsExactly(memoryOpId(atLocation(52)));
    }

    // ---- mem_op_store/time_slice_hash_store.rs (the same store is crates/gossip/src/harness/op_store.rs)

    @Test
    @DisplayName(HASH_STORE + "create_empty")
    void createEmpty() {
        OpStore store = store();
        assertThat(result(store.sliceHashCount(DhtArc.of(0, 0)))).isZero();
        assertThat(result(store.retrieveSliceHashes(DhtArc.of(0, 0)))).isEmpty();
        assertThat(result(store.retrieveSliceHash(DhtArc.of(0, 0), 0))).isEmpty();
    }

    /** Upstream's message is {@code "Cannot insert empty combined hash (src: None)"}; k2store names the field. */
    @Test
    @DisplayName(HASH_STORE + "insert_empty_hash_into_empty")
    void insertEmptyHashIntoEmpty() {
        OpStore store = store();
        assertThat(failure(store.storeSliceHash(DhtArc.of(0, 2), 100, new byte[0])))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Cannot insert empty combined hash");
        assertThat(result(store.retrieveSliceHashes(DhtArc.of(0, 2)))).isEmpty();
        assertThat(result(store.sliceHashCount(DhtArc.of(0, 2)))).isZero();
    }

    @Test
    @DisplayName(HASH_STORE + "insert_single_hash_into_empty")
    void insertSingleHashIntoEmpty() {
        OpStore store = store();
        DhtArc arc = DhtArc.of(0, 2);
        result(store.storeSliceHash(arc, 100, new byte[] {1, 2, 3}));
        assertThat(result(store.retrieveSliceHashes(arc))).containsExactly(new SliceHash(100, new byte[] {1, 2, 3}));
        assertThat(result(store.retrieveSliceHash(arc, 100))).hasValueSatisfying(h -> assertThat(h).containsExactly(1, 2, 3));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(101L);
    }

    @Test
    @DisplayName(HASH_STORE + "insert_many_sparse")
    void insertManySparse() {
        OpStore store = store();
        DhtArc arc = DhtArc.of(0, 2);
        result(store.storeSliceHash(arc, 100, new byte[] {1, 2, 3}));
        result(store.storeSliceHash(arc, 105, new byte[] {2, 3, 4}));
        result(store.storeSliceHash(arc, 115, new byte[] {3, 4, 5}));
        assertThat(result(store.retrieveSliceHashes(arc))).containsExactly(new SliceHash(100, new byte[] {1, 2, 3}),
                new SliceHash(105, new byte[] {2, 3, 4}), new SliceHash(115, new byte[] {3, 4, 5}));
        assertThat(result(store.retrieveSliceHash(arc, 105))).hasValueSatisfying(h -> assertThat(h).containsExactly(2, 3, 4));
        assertThat(result(store.retrieveSliceHash(arc, 104))).isEmpty();
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(116L);
    }

    @Test
    @DisplayName(HASH_STORE + "insert_many_in_sequence")
    void insertManyInSequence() {
        OpStore store = store();
        DhtArc arc = DhtArc.of(0, 2);
        result(store.storeSliceHash(arc, 100, new byte[] {1, 2, 3}));
        result(store.storeSliceHash(arc, 101, new byte[] {2, 3, 4}));
        result(store.storeSliceHash(arc, 102, new byte[] {3, 4, 5}));
        assertThat(result(store.retrieveSliceHashes(arc))).containsExactly(new SliceHash(100, new byte[] {1, 2, 3}),
                new SliceHash(101, new byte[] {2, 3, 4}), new SliceHash(102, new byte[] {3, 4, 5}));
        assertThat(result(store.retrieveSliceHash(arc, 101))).hasValueSatisfying(h -> assertThat(h).containsExactly(2, 3, 4));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(103L);
    }

    @Test
    @DisplayName(HASH_STORE + "overwrite_existing_hash")
    void overwriteExistingHash() {
        OpStore store = store();
        DhtArc arc = DhtArc.of(0, 2);
        result(store.storeSliceHash(arc, 100, new byte[] {1, 2, 3}));
        assertThat(result(store.retrieveSliceHashes(arc))).hasSize(1);
        result(store.storeSliceHash(arc, 100, new byte[] {2, 3, 4}));
        assertThat(result(store.retrieveSliceHashes(arc))).containsExactly(new SliceHash(100, new byte[] {2, 3, 4}));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(101L);
    }

    @Test
    @DisplayName(HASH_STORE + "overlapping_arcs_are_kept_separate")
    void overlappingArcsAreKeptSeparate() {
        OpStore store = store();
        DhtArc arc1 = DhtArc.of(0, 2);
        DhtArc arc2 = DhtArc.of(0, 4); // twice the size of arc1, starting at the same point
        result(store.storeSliceHash(arc1, 100, new byte[] {1, 2, 3}));
        result(store.storeSliceHash(arc2, 100, new byte[] {2, 3, 4}));
        assertThat(result(store.sliceHashCount(arc1))).isEqualTo(101L);
        assertThat(result(store.retrieveSliceHash(arc1, 100))).hasValueSatisfying(h -> assertThat(h).containsExactly(1, 2, 3));
        assertThat(result(store.sliceHashCount(arc2))).isEqualTo(101L);
        assertThat(result(store.retrieveSliceHash(arc2, 100))).hasValueSatisfying(h -> assertThat(h).containsExactly(2, 3, 4));
        assertThat(result(store.retrieveSliceHashes(arc1))).hasSize(1);
        assertThat(result(store.retrieveSliceHashes(arc2))).hasSize(1);
    }

    @Test
    @DisplayName(HASH_STORE + "update_with_multiple_arcs")
    void updateWithMultipleArcs() {
        OpStore store = store();
        DhtArc arc1 = DhtArc.of(0, 2);
        DhtArc arc2 = DhtArc.of(2, 4);
        result(store.storeSliceHash(arc1, 0, new byte[] {1, 2, 3}));
        result(store.storeSliceHash(arc1, 1, new byte[] {2, 3, 4}));
        result(store.storeSliceHash(arc2, 0, new byte[] {3, 2, 1}));
        result(store.storeSliceHash(arc2, 1, new byte[] {4, 3, 2}));
        assertThat(result(store.sliceHashCount(arc1))).isEqualTo(2L);
        assertThat(result(store.sliceHashCount(arc2))).isEqualTo(2L);

        result(store.storeSliceHash(arc1, 0, new byte[] {1, 2, 5}));
        result(store.storeSliceHash(arc2, 1, new byte[] {5, 3, 2}));
        assertThat(result(store.sliceHashCount(arc1))).isEqualTo(2L);
        assertThat(result(store.retrieveSliceHashes(arc1)))
                .containsExactly(new SliceHash(0, new byte[] {1, 2, 5}), new SliceHash(1, new byte[] {2, 3, 4}));
        assertThat(result(store.sliceHashCount(arc2))).isEqualTo(2L);
        assertThat(result(store.retrieveSliceHashes(arc2)))
                .containsExactly(new SliceHash(0, new byte[] {3, 2, 1}), new SliceHash(1, new byte[] {5, 3, 2}));
    }
}
