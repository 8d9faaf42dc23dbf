package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;
import static org.k2store.testkit.DhtTimePartition.UNIT_TIME;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.StoredOp;
import org.k2store.api.Timestamp;
import org.k2store.testkit.DhtTimePartition.PartialSlice;

/**
 * The op-store side of kitsune2's DHT model tests (crate {@code kitsune2_dht}): its time partition
 * ({@code crates/dht/src/time.rs}) builds full and partial slice hashes from
 * {@code retrieve_op_hashes_in_time_slice}, stores the full ones and reads them back (the hash
 * partition's tests are {@link Kitsune2DhtSectorCases}). {@link DhtTimePartition} makes those calls
 * as upstream's model does, so the hashes upstream asserts are the ones this store's answers give.
 *
 * <p>Left out: the tests of the slice layout alone ({@code residual}, {@code one_partial_slice},
 * {@code all_single_partial_slices}, {@code all_double_slices}, ...) and of next-update times, which
 * ask nothing of a store but empty answers.
 *
 * <p>Upstream builds a time partition at the real current time; these cases build it at the
 * suite's clock ({@link OpStoreConformanceSuite#T0}, November 2023), or near the epoch where
 * upstream does.
 */
abstract class Kitsune2DhtCases extends UpstreamCases {

    private static final String TIME_RS = "holochain/kitsune2 crates/dht/src/time.rs ";
    private static final long SECOND = 1_000_000;
    private static final int FACTOR = 7;
    private static final long FULL = DhtTimePartition.fullSliceDuration(FACTOR);
    private static final long MIN_RECENT = DhtTimePartition.minRecentTime(FACTOR);

    Kitsune2DhtCases(OpStoreConformanceSuite suite) {
        super(suite);
    }

    /** {@code MemoryOp::new(created_at, vec![value; 32])}: its id is {@code [value; 32]}, at location 0. */
    private static byte[] op32(int value, long createdAt) {
        return memoryOp(createdAt, filled(value, 32));
    }

    private static byte[] xor32(int a, int b) {
        return filled(a ^ b, 32);
    }

    private static byte[] lastHash(DhtTimePartition partition) {
        List<PartialSlice> partials = partition.partials();
        return partials.get(partials.size() - 1).hash();
    }

    // ---- time.rs

    @Test
    @DisplayName(TIME_RS + "hashes_are_combined_for_partial_slices")
    void hashesAreCombinedForPartialSlices() {
        OpStore store = store();
        long now = MIN_RECENT + SECOND;
        store(store, op32(7, now - UNIT_TIME), op32(23, now - UNIT_TIME));
        DhtTimePartition partition = DhtTimePartition.fromStore(FACTOR, now, DhtArc.FULL, store);
        assertThat(partition.fullSlices()).isZero();
        assertThat(partition.partials()).hasSize(FACTOR);
        assertThat(lastHash(partition)).isEqualTo(xor32(7, 23));
        assertThat(result(store.sliceHashCount(DhtArc.FULL))).isZero();
    }

    @Test
    @DisplayName(TIME_RS + "full_slices_with_single_slice_partials")
    void fullSlicesWithSingleSlicePartials() {
        OpStore store = store();
        DhtArc arc = DhtArc.of(0, 2);
        result(store.storeSliceHash(arc, 0, filled(1, 64)));
        result(store.storeSliceHash(arc, 1, filled(1, 64)));
        DhtTimePartition partition = DhtTimePartition.fromStore(FACTOR, 2 * FULL + MIN_RECENT + SECOND, arc, store);
        assertThat(partition.fullSlices()).as("read back with slice_hash_count").isEqualTo(2);
        assertThat(partition.partials()).hasSize(FACTOR);
        assertThat(result(store.retrieveSliceHashes(arc)))
                .containsExactly(new SliceHash(0, filled(1, 64)), new SliceHash(1, filled(1, 64)));
    }

    @Test
    @DisplayName(TIME_RS + "missing_full_slices_combines_hashes")
    void missingFullSlicesCombinesHashes() {
        OpStore store = store();
        store(store, op32(7, 0), op32(23, 0));
        DhtArc arc = DhtArc.of(0, 2);
        DhtTimePartition partition = DhtTimePartition.fromStore(FACTOR, FULL + MIN_RECENT + SECOND, arc, store);
        assertThat(partition.fullSlices()).isEqualTo(1);
        assertThat(partition.partials()).hasSize(FACTOR);
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(1L);
        assertThat(result(store.retrieveSliceHash(arc, 0))).hasValueSatisfying(h -> assertThat(h).isEqualTo(xor32(7, 23)));
    }

    @Test
    @DisplayName(TIME_RS + "compute_hashes_for_full_slices_and_partials")
    void computeHashesForFullSlicesAndPartials() {
        OpStore store = store();
        long now = FULL + MIN_RECENT + SECOND;
        store(store, op32(7, 0), op32(23, 0), op32(11, now - UNIT_TIME), op32(29, now - UNIT_TIME));
        DhtArc arc = DhtArc.of(0, 2);
        DhtTimePartition partition = DhtTimePartition.fromStore(FACTOR, now, arc, store);
        assertThat(partition.fullSlices()).isEqualTo(1);
        assertThat(partition.partials()).hasSize(FACTOR);
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(1L);
        assertThat(result(store.retrieveSliceHash(arc, 0))).hasValueSatisfying(h -> assertThat(h).isEqualTo(xor32(7, 23)));
        assertThat(lastHash(partition)).isEqualTo(xor32(11, 29));
    }

    @Test
    @DisplayName(TIME_RS + "update_is_idempotent")
    void updateIsIdempotent() {
        OpStore store = store();
        long now = FULL + MIN_RECENT + SECOND;
        store(store, op32(7, 0), op32(11, now - UNIT_TIME));
        DhtTimePartition partition = DhtTimePartition.fromStore(FACTOR, now, DhtArc.FULL, store);
        String original = partition.toString();
        List<SliceHash> stored = result(store.retrieveSliceHashes(DhtArc.FULL));
        assertThat(stored).containsExactly(new SliceHash(0, filled(7, 32)));
        for (int i = 1; i < 10; i++) {
            long callAt = now + UNIT_TIME / 100;
            assertThat(callAt).isLessThan(partition.nextUpdateAt());
            partition.update(store, callAt);
            assertThat(partition.toString()).isEqualTo(original);
            assertThat(result(store.retrieveSliceHashes(DhtArc.FULL))).isEqualTo(stored);
        }
        assertThat(lastHash(partition)).isEqualTo(filled(11, 32));
    }

    @Test
    @DisplayName(TIME_RS + "update_allocate_new_partial")
    void updateAllocateNewPartial() {
        OpStore store = store();
        long now = FULL + MIN_RECENT + SECOND;
        DhtArc arc = DhtArc.of(0, 2);
        result(store.storeSliceHash(arc, 0, filled(1, 64)));
        store(store, op32(7, now - UNIT_TIME), op32(29, now - UNIT_TIME));
        DhtTimePartition partition = DhtTimePartition.fromStore(FACTOR, now, arc, store);
        assertThat(partition.partials()).hasSize(FACTOR);
        assertThat(lastHash(partition)).isEqualTo(xor32(7, 29));

        store(store, op32(13, now)); // outside the last partial slice for now
        partition.update(store, now + UNIT_TIME);
        List<PartialSlice> partials = partition.partials();
        assertThat(partials).hasSize(FACTOR + 1);
        assertThat(partials.get(partials.size() - 2).hash()).isEqualTo(xor32(7, 29));
        assertThat(lastHash(partition)).isEqualTo(filled(13, 32));
        assertThat(result(store.retrieveSliceHashes(arc))).containsExactly(new SliceHash(0, filled(1, 64)));
    }

    @Test
    @DisplayName(TIME_RS + "update_allocate_new_complete")
    void updateAllocateNewComplete() {
        OpStore store = store();
        store(store, op32(7, 0), op32(23, 0));
        DhtArc arc = DhtArc.of(0, 2);
        DhtTimePartition partition = DhtTimePartition.fromStore(FACTOR, FULL + MIN_RECENT + SECOND, arc, store);
        assertThat(partition.fullSlices()).isEqualTo(1);
        assertThat(result(store.retrieveSliceHash(arc, 0))).hasValueSatisfying(h -> assertThat(h).isEqualTo(xor32(7, 23)));

        // In the first partial slice now, in the next full slice after the update.
        store(store, op32(13, partition.fullSliceEnd()));
        partition.update(store, 2 * FULL + MIN_RECENT + SECOND);
        assertThat(partition.fullSlices()).isEqualTo(2);
        assertThat(partition.partials()).hasSize(FACTOR);
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(2L);
        assertThat(result(store.retrieveSliceHash(arc, 0))).hasValueSatisfying(h -> assertThat(h).isEqualTo(xor32(7, 23)));
        assertThat(result(store.retrieveSliceHash(arc, 1))).hasValueSatisfying(h -> assertThat(h).isEqualTo(filled(13, 32)));
    }

    @Test
    @DisplayName(TIME_RS + "update_allocate_multiple_new_complete")
    void updateAllocateMultipleNewComplete() {
        OpStore store = store();
        long now = MIN_RECENT + SECOND;
        DhtArc arc = DhtArc.of(0, 2);
        DhtTimePartition partition = DhtTimePartition.fromStore(FACTOR, now, arc, store);
        assertThat(partition.fullSlices()).isZero();

        store(store, op32(7, 0), op32(23, 0), op32(11, FULL), op32(37, FULL));
        partition.update(store, now + 2 * FULL);
        assertThat(partition.fullSlices()).isEqualTo(2);
        assertThat(partition.partials()).hasSize(FACTOR);
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(2L);
        assertThat(result(store.retrieveSliceHash(arc, 0))).hasValueSatisfying(h -> assertThat(h).isEqualTo(xor32(7, 23)));
        assertThat(result(store.retrieveSliceHash(arc, 1))).hasValueSatisfying(h -> assertThat(h).isEqualTo(xor32(11, 37)));
    }

    /**
     * Sparse storage: no empty slice is ever stored, so the count is 0 until the first op, and then the
     * index of its slice + 1. Upstream uses factor 7 (about 15,000 empty full slices since the epoch,
     * each one time-slice query); this case uses factor 14 (about 115) for the same property.
     */
    @Test
    @DisplayName(TIME_RS + "compression_all_empty_slices_at_current_time (factor 14, not 7)")
    void compressionAllEmptySlicesAtCurrentTime() {
        OpStore store = store();
        int factor = 14;
        long now = clock().nowMicros();
        DhtTimePartition partition = DhtTimePartition.fromStore(factor, now, DhtArc.FULL, store);
        long initialFullSlices = partition.fullSlices();
        assertThat(initialFullSlices).isEqualTo((now - DhtTimePartition.minRecentTime(factor))
                / DhtTimePartition.fullSliceDuration(factor)).isGreaterThan(100);
        assertThat(result(store.sliceHashCount(DhtArc.FULL))).as("nothing stored for empty slices").isZero();
        assertThat(result(store.retrieveSliceHash(DhtArc.FULL, 5_203_984_823L))).isEmpty();

        store(store, op32(7, partition.fullSliceEnd()));
        partition.update(store, now + partition.fullSliceDuration());
        assertThat(partition.fullSlices()).isEqualTo(initialFullSlices + 1);
        assertThat(result(store.sliceHashCount(DhtArc.FULL))).isEqualTo(initialFullSlices + 1);
        assertThat(result(store.retrieveSliceHashes(DhtArc.FULL))).containsExactly(new SliceHash(initialFullSlices, filled(7, 32)));
    }

    @Test
    @DisplayName(TIME_RS + "inform_ops_stored_for_empty_full_slice")
    void informOpsStoredForEmptyFullSlice() {
        OpStore store = store();
        DhtArc arc = DhtArc.of(0, 32);
        DhtTimePartition partition = DhtTimePartition.fromStore(14, clock().nowMicros(), arc, store);
        assertThat(result(store.retrieveSliceHash(arc, 0))).isEmpty();
        partition.informOpsStored(store, List.of(new StoredOp(OpId.of(new byte[] {11, 0, 0, 0}), new Timestamp(0))));
        assertThat(result(store.retrieveSliceHash(arc, 0))).hasValueSatisfying(h -> assertThat(h).containsExactly(11, 0, 0, 0));
        assertThat(result(store.sliceHashCount(arc))).isEqualTo(1L);
    }

    @Test
    @DisplayName(TIME_RS + "inform_ops_stored_for_existing_full_slice")
    void informOpsStoredForExistingFullSlice() {
        OpStore store = store();
        store(store, memoryOp(0, new byte[] {7, 0, 0, 0}));
        DhtArc arc = DhtArc.of(0, 32);
        DhtTimePartition partition = DhtTimePartition.fromStore(14, clock().nowMicros(), arc, store);
        assertThat(result(store.retrieveSliceHash(arc, 0))).hasValueSatisfying(h -> assertThat(h).isEqualTo(resized(new byte[] {7}, 32)));
        partition.informOpsStored(store, List.of(new StoredOp(OpId.of(resized(new byte[] {23}, 32)), new Timestamp(0))));
        assertThat(result(store.retrieveSliceHash(arc, 0))).hasValueSatisfying(h -> assertThat(h).isEqualTo(resized(new byte[] {7 ^ 23}, 32)));
        assertThat(result(store.retrieveSliceHashes(arc))).hasSize(1);
    }

    /** The partial hashes live in the model's memory: what the store adds is the time slices they start from. */
    @Test
    @DisplayName(TIME_RS + "inform_ops_stored_for_existing_partial_slice")
    void informOpsStoredForExistingPartialSlice() {
        OpStore store = store();
        int factor = 14;
        long now = DhtTimePartition.minRecentTime(factor) + 3 * SECOND;
        store(store, memoryOp(10 * SECOND, new byte[] {7, 0, 0, 0}), memoryOp(now - 30 * SECOND, new byte[] {31, 0, 0, 0}));
        DhtArc arc = DhtArc.of(0, 32);
        DhtTimePartition partition = DhtTimePartition.fromStore(factor, now, arc, store);
        assertThat(partition.partials().get(0).hash()).isEqualTo(resized(new byte[] {7}, 32));
        assertThat(lastHash(partition)).isEqualTo(resized(new byte[] {31}, 32));

        partition.informOpsStored(store, List.of(new StoredOp(OpId.of(resized(new byte[] {11}, 32)), new Timestamp(0)),
                new StoredOp(OpId.of(resized(new byte[] {29}, 32)), new Timestamp(now - 5 * SECOND))));
        assertThat(partition.partials().get(0).hash()).isEqualTo(resized(new byte[] {7 ^ 11}, 32));
        assertThat(lastHash(partition)).isEqualTo(resized(new byte[] {31 ^ 29}, 32));
        assertThat(result(store.sliceHashCount(arc))).as("recent ops store no slice hash").isZero();
    }
}
