package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.LocationScheme;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.SpaceSettings;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.api.codec.OpCodec;

/**
 * Holochain's own op-store tests ({@code holochain_p2p}, {@code crates/holochain_p2p/tests/tests/op_store.rs}),
 * in the space a Holochain host uses: {@code envelope} ops with 36-byte ids located by their last four
 * bytes ({@code suffix-le32}).
 *
 * <p>Holochain's store differs from the contract in ways these cases meet; each asserts the contract:
 * <ul>
 *   <li>Its ops become visible only once Holochain has integrated them (the tests flip
 *       {@code when_integrated} by SQL); a k2store op is visible when {@code process_incoming_ops}
 *       returns, so the "not integrated yet" halves of the tests have nothing to port.
 *   <li>Its {@code stored_at} is the integration time, which the tests set to the authored time; here
 *       the store's clock is set to the same values while storing.
 *   <li>Its {@code retrieve_op_ids_bounded} bookmark is the stamp of the last op taken (or {@code start}
 *       when nothing is found, the Empty arc included); the contract's is the stamp of the first op that
 *       did not fit, or the call's start time.
 *   <li>Its {@code retrieve_ops}, {@code filter_out_existing_ops} and bounded answers come from SQL
 *       {@code IN (...)} and hash sets: unordered and de-duplicated. The contract keeps input order and
 *       duplicates (and ascending {@code stored_at} for bounded).
 *   <li>Its {@code slice_hash_count} is {@code MAX(slice_index)}; the contract's is that + 1.
 * </ul>
 */
abstract class HolochainOpStoreCases extends UpstreamCases {

    private static final String OP_STORE_RS = "holochain/holochain crates/holochain_p2p/tests/tests/op_store.rs ";
    private static final SpaceSettings HOLOCHAIN = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32);

    HolochainOpStoreCases(OpStoreConformanceSuite suite) {
        super(suite);
    }

    /** An op as {@code test_dht_op(authored_timestamp)} makes one: a fresh id, located somewhere, some bytes. */
    private static byte[] dhtOp(int i, long authoredAt, int size) {
        return Ops.envelope(dhtOpId(i), authoredAt, filled(i, size));
    }

    private static OpId dhtOpId(int i) {
        return Ops.suffixId(0x9E37_79B9L * (i + 1) & DhtArc.MAX_LOCATION, i + 1L);
    }

    private static int size(int i) {
        return 100 + i % 50;
    }

    @Test
    @DisplayName(OP_STORE_RS + "process_incoming_ops_and_retrieve")
    void processIncomingOpsAndRetrieve() {
        OpStore store = store(HOLOCHAIN);
        long now = clock().nowMicros();
        byte[] op1 = dhtOp(1, now, 120);
        byte[] op2 = dhtOp(2, now, 130);
        assertThat(store(store, op1, op2)).containsExactly(dhtOpId(1), dhtOpId(2));
        List<MetaOp> retrieved = result(store.retrieveOps(List.of(dhtOpId(1), dhtOpId(2))));
        assertThat(retrieved).containsExactly(new MetaOp(dhtOpId(1), filled(1, 120)), new MetaOp(dhtOpId(2), filled(2, 130)));
        // Holochain answers unordered and de-duplicated; the contract keeps the request's order and repeats.
        assertThat(result(store.retrieveOps(List.of(dhtOpId(2), dhtOpId(1), dhtOpId(2)))).stream().map(MetaOp::opId).toList())
                .containsExactly(dhtOpId(2), dhtOpId(1), dhtOpId(2));
    }

    /**
     * The unknown id upstream checks is {@code [5; 32]}: 32 bytes in a space of 36-byte ids. Holochain
     * reports it missing; so does k2store (an id of another length cannot be stored, so it is missing).
     */
    @Test
    @DisplayName(OP_STORE_RS + "filter_out_existing_ops")
    void filterOutExistingOps() {
        OpStore store = store(HOLOCHAIN);
        long now = clock().nowMicros();
        store(store, dhtOp(1, now, 120), dhtOp(2, now, 130));
        assertThat(result(store.filterOutExistingOps(List.of(dhtOpId(1), dhtOpId(2))))).isEmpty();
        OpId nonExistent = OpId.of(filled(5, 32));
        assertThat(result(store.filterOutExistingOps(List.of(dhtOpId(1), nonExistent)))).containsExactly(nonExistent);
        OpId unknownOfTheSpacesLength = dhtOpId(3);
        assertThat(result(store.filterOutExistingOps(List.of(unknownOfTheSpacesLength, dhtOpId(2), nonExistent,
                unknownOfTheSpacesLength)))).as("order and duplicates kept, unlike Holochain")
                .containsExactly(unknownOfTheSpacesLength, nonExistent, unknownOfTheSpacesLength);
    }

    /** The size Holochain sums is each op's serialized size; an envelope op's size is its data length. */
    @Test
    @DisplayName(OP_STORE_RS + "retrieve_in_time_slice")
    void retrieveInTimeSlice() {
        OpStore store = store(HOLOCHAIN);
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ops.add(dhtOp(i, (i + 1) * 100L, size(i)));
        }
        store(store, ops);
        Timestamp now = clock().now();

        TimeSliceHashes all = result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), now));
        assertThat(all.opIds()).containsExactly(dhtOpId(0), dhtOpId(1), dhtOpId(2), dhtOpId(3), dhtOpId(4));
        assertThat(all.totalBytes()).isEqualTo(size(0) + size(1) + size(2) + size(3) + size(4));

        TimeSliceHashes some = result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(300)));
        assertThat(some.opIds()).containsExactly(dhtOpId(0), dhtOpId(1));
        assertThat(some.totalBytes()).isEqualTo(size(0) + size(1));

        TimeSliceHashes none = result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(1000), now));
        assertThat(none.opIds()).isEmpty();
        assertThat(none.totalBytes()).isZero();
    }

    /**
     * Upstream's bookmarks are the last op taken: 150000 for everything, 75000 for the first 750. The
     * contract's are the call's start time when everything fits, and the 751st op's {@code stored_at}
     * (75100) when the limit is hit. Upstream's "nothing integrated yet" call answers
     * {@code ([], 0, start)}; the contract's answer for nothing found is {@code ([], 0, now)}.
     */
    @Test
    @DisplayName(OP_STORE_RS + "retrieve_op_ids_bounded")
    void retrieveOpIdsBounded() {
        OpStore store = store(HOLOCHAIN);
        List<OpId> ids = new ArrayList<>();
        long allBytes = 0;
        long firstHalfBytes = 0;
        for (int i = 0; i < 1500; i++) {
            clock().set((i + 1) * 100L); // stored_at = the authored time, as upstream's set_all_integrated makes it
            store(store, dhtOp(i, (i + 1) * 100L, size(i)));
            ids.add(dhtOpId(i));
            allBytes += size(i);
            if (i < 750) {
                firstHalfBytes += size(i);
            }
        }
        clock().set(1_000_000);

        BoundedPage all = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX));
        assertThat(all.opIds()).as("every op, ascending by stored_at").containsExactlyElementsOf(ids);
        assertThat(all.totalBytes()).isEqualTo(allBytes);
        assertThat(all.next()).as("Holochain: 150000").isEqualTo(new Timestamp(1_000_000));

        BoundedPage half = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), firstHalfBytes));
        assertThat(half.opIds()).containsExactlyElementsOf(ids.subList(0, 750));
        assertThat(half.totalBytes()).isEqualTo(firstHalfBytes);
        assertThat(half.next()).as("Holochain: 75000").isEqualTo(new Timestamp(75_100));

        BoundedPage nothing = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(150_001), OpSizes.U32_MAX));
        assertThat(nothing.opIds()).isEmpty();
        assertThat(nothing.totalBytes()).isZero();
        assertThat(nothing.next()).as("Holochain: the start, 150001").isEqualTo(new Timestamp(1_000_000));
    }

    @Test
    @DisplayName(OP_STORE_RS + "create_and_read_slice_hashes")
    void createAndReadSliceHashes() {
        OpStore store = store(HOLOCHAIN);
        byte[] hash = "hash".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        result(store.storeSliceHash(DhtArc.of(0, 100), 5, hash));
        assertThat(result(store.retrieveSliceHash(DhtArc.of(0, 100), 5))).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash));
        assertThat(result(store.retrieveSliceHashes(DhtArc.of(0, 100)))).containsExactly(new SliceHash(5, hash));
    }

    /** Holochain asserts 6 and 5 ("the highest stored slice index"); the contract's count is that + 1. */
    @Test
    @DisplayName(OP_STORE_RS + "count_slice_hashes")
    void countSliceHashes() {
        OpStore store = store(HOLOCHAIN);
        result(store.storeSliceHash(DhtArc.of(0, 100), 5, ascii("hash-a")));
        result(store.storeSliceHash(DhtArc.of(0, 100), 6, ascii("hash-b")));
        result(store.storeSliceHash(DhtArc.of(0, 101), 5, ascii("hash-c")));
        assertThat(result(store.sliceHashCount(DhtArc.of(0, 100)))).isEqualTo(7L);
        assertThat(result(store.sliceHashCount(DhtArc.of(0, 101)))).isEqualTo(6L);
    }

    @Test
    @DisplayName(OP_STORE_RS + "slice_hashes_separate_by_arc")
    void sliceHashesSeparateByArc() {
        OpStore store = store(HOLOCHAIN);
        result(store.storeSliceHash(DhtArc.of(0, 100), 5, ascii("hash")));
        assertThat(result(store.retrieveSliceHashes(DhtArc.of(0, 101)))).isEmpty();
        result(store.storeSliceHash(DhtArc.of(0, 101), 5, ascii("hash-other")));
        assertThat(result(store.retrieveSliceHashes(DhtArc.of(0, 100)))).containsExactly(new SliceHash(5, ascii("hash")));
        assertThat(result(store.retrieveSliceHashes(DhtArc.of(0, 101)))).containsExactly(new SliceHash(5, ascii("hash-other")));
    }

    /** Holochain asserts a count of 5 after overwriting index 5; the contract's count is 6. */
    @Test
    @DisplayName(OP_STORE_RS + "overwrite_slice_hashes")
    void overwriteSliceHashes() {
        OpStore store = store(HOLOCHAIN);
        result(store.storeSliceHash(DhtArc.of(0, 100), 5, ascii("hash-a")));
        result(store.storeSliceHash(DhtArc.of(0, 100), 5, ascii("hash-b")));
        assertThat(result(store.sliceHashCount(DhtArc.of(0, 100)))).isEqualTo(6L);
        assertThat(result(store.retrieveSliceHash(DhtArc.of(0, 100), 5)))
                .hasValueSatisfying(h -> assertThat(h).isEqualTo(ascii("hash-b")));
        assertThat(result(store.retrieveSliceHashes(DhtArc.of(0, 100)))).hasSize(1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
