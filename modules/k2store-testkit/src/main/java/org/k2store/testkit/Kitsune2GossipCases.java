package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/**
 * kitsune2 gossip's shared byte budget (crate {@code kitsune2_gossip}): one round may send at most
 * {@code max_gossip_op_bytes} of op data to a peer. New ops are taken first, one
 * {@code retrieve_op_ids_bounded} call per arc of the common arc set, each given what the previous
 * calls left ({@code crates/gossip/src/respond.rs}, {@code retrieve_new_op_ids}); the DHT mismatch
 * ("disc") ops then get what the new ops left, charged with each sector time slice's
 * {@code total_size}. The budget is only as good as the sizes the store reports, so these cases check
 * them at every step.
 *
 * <p>Upstream's tests drive the gossip responders with messages from a fake peer; what they ask of
 * the store is the calls made here.
 */
abstract class Kitsune2GossipCases extends UpstreamCases {

    private static final String RESPOND = "holochain/kitsune2 crates/gossip/src/respond";
    private static final int OP_SIZE = 128;

    Kitsune2GossipCases(OpStoreConformanceSuite suite) {
        super(suite);
    }

    /** The ops upstream's disc tests create: op {@code i} at the start of sector {@code i}, created at 100 + i. */
    private static byte[] discOp(int i) {
        return memoryOp(100 + i, resized(le32((long) i << DhtArc.SECTOR_BITS), OP_SIZE));
    }

    /**
     * Charges the budget with each sector's time slice {@code [0, end)} in sector order, taking a
     * slice's ids only while its {@code total_size} fits what is left.
     */
    private static List<OpId> takeDiscOps(OpStore store, int sectors, long end, long[] budget) {
        List<OpId> sent = new ArrayList<>();
        for (int i = 0; i < sectors; i++) {
            TimeSliceHashes slice = result(store.retrieveOpHashesInTimeSlice(DhtArc.sector(i), new Timestamp(0), new Timestamp(end)));
            if (slice.totalBytes() > budget[0]) {
                break;
            }
            budget[0] -= slice.totalBytes();
            sent.addAll(slice.opIds());
        }
        return sent;
    }

    @Test
    @DisplayName(RESPOND + "/accept.rs respect_size_limit_for_new_ops")
    void respectSizeLimitForNewOps() {
        OpStore store = store();
        long budget = 3L * OP_SIZE;
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ops.add(memoryOp(clock().nowMicros(), filled(i, OP_SIZE)));
        }
        List<OpId> ids = store(store, ops);
        clock().advance(1_000);
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), budget));
        assertThat(page.opIds()).as("only 3 ops fit the budget").containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(budget - page.totalBytes()).as("the budget is used up").isZero();
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, page.next(), budget)).opIds())
                .as("the next round resumes at the first op left out").containsExactlyElementsOf(ids.subList(3, 5));
    }

    /**
     * {@code retrieve_new_op_ids}: the arcs of the common arc set share one budget, and the round's
     * bookmark is the earliest of the arcs' bookmarks, so an arc cut short is resumed where it stopped
     * (ops of other arcs stored after that bookmark would be sent again, which fetch filters out).
     */
    @Test
    @DisplayName(RESPOND + ".rs retrieve_new_op_ids (one budget over the arcs of the arc set)")
    void newOpsShareOneBudgetAcrossTheArcSet() {
        OpStore store = store();
        List<DhtArc> arcSet = List.of(DhtArc.sector(0), DhtArc.sector(2), DhtArc.sector(5));
        List<byte[]> ops = new ArrayList<>();
        for (int sector : new int[] {0, 2, 5}) {
            for (int k = 0; k < 3; k++) {
                ops.add(memoryOp(clock().nowMicros(), resized(le32(((long) sector << DhtArc.SECTOR_BITS) + k), OP_SIZE)));
            }
        }
        List<OpId> ids = store(store, ops);
        clock().advance(1_000);

        long maxNewBytes = 5L * OP_SIZE;
        long used = 0;
        Timestamp bookmark = clock().now();
        List<OpId> sent = new ArrayList<>();
        List<Long> usedPerArc = new ArrayList<>();
        for (DhtArc arc : arcSet) {
            BoundedPage page = result(store.retrieveOpIdsBounded(arc, new Timestamp(0), maxNewBytes - used));
            sent.addAll(page.opIds());
            used += page.totalBytes();
            usedPerArc.add(page.totalBytes());
            bookmark = page.next().compareTo(bookmark) < 0 ? page.next() : bookmark;
        }
        assertThat(usedPerArc).containsExactly(3L * OP_SIZE, 2L * OP_SIZE, 0L);
        assertThat(sent).containsExactlyElementsOf(ids.subList(0, 5));
        assertThat(used).isEqualTo(maxNewBytes);

        List<OpId> nextRound = new ArrayList<>();
        for (DhtArc arc : arcSet) {
            nextRound.addAll(result(store.retrieveOpIdsBounded(arc, bookmark, maxNewBytes)).opIds());
        }
        assertThat(nextRound).as("resumed at the first op the budget left out").containsExactlyElementsOf(ids.subList(5, 9));
    }

    /**
     * Upstream's new ops are {@code [i; 128]} (location 0, sector 0) and its disc op 0 is 128 zero bytes:
     * the same id as new op {@code [0; 128]}. Storing it again changes nothing (first write wins), so it
     * keeps the new op's {@code created_at} and sector 0 has no disc op; the remaining 256 bytes still buy
     * exactly two disc ops, as upstream expects.
     */
    @Test
    @DisplayName(RESPOND + "/tests.rs initiate_respect_size_limit_for_new_ops_and_disc, accept_respect_size_limit_for_new_ops_and_disc")
    void discOpsTakeWhatTheNewOpsLeftOfTheBudget() {
        OpStore store = store();
        long now = clock().nowMicros();
        long[] budget = {7L * OP_SIZE};
        List<byte[]> newOps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newOps.add(memoryOp(now, filled(i, OP_SIZE)));
        }
        store(store, newOps);
        clock().advance(1_000);
        BoundedPage page = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), budget[0]));
        assertThat(page.opIds()).as("should have sent all 5 ops").hasSize(5);
        budget[0] -= page.totalBytes();
        assertThat(budget[0]).as("remaining budget for 2 more ops").isEqualTo(2L * OP_SIZE);

        List<byte[]> discOps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            discOps.add(discOp(i));
        }
        store(store, discOps);
        OpId zero = memoryOpId(new byte[OP_SIZE]);
        assertThat(result(store.retrieveOps(List.of(zero)))).containsExactly(new MetaOp(zero, newOps.get(0)));
        assertThat(result(store.queryTotalOpCount())).isEqualTo(9L);

        long discSliceEnd = DhtTimePartition.fullSliceDuration(14);
        List<OpId> sent = takeDiscOps(store, 5, discSliceEnd, budget);
        assertThat(sent).as("only 2 disc ops fit what the new ops left")
                .containsExactly(memoryOpId(resized(le32(1L << DhtArc.SECTOR_BITS), OP_SIZE)),
                        memoryOpId(resized(le32(2L << DhtArc.SECTOR_BITS), OP_SIZE)));
        assertThat(budget[0]).as("the whole budget is used").isZero();
    }

    @Test
    @DisplayName(RESPOND + "/disc_sector_details_diff.rs respect_size_limit")
    void discOpsRespectTheSizeLimit() {
        OpStore store = store();
        List<byte[]> discOps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            discOps.add(discOp(i));
        }
        List<OpId> ids = store(store, discOps);
        long[] budget = {3L * OP_SIZE};
        for (int i = 0; i < 5; i++) {
            TimeSliceHashes slice = result(store.retrieveOpHashesInTimeSlice(DhtArc.sector(i), new Timestamp(0), new Timestamp(1_000)));
            assertThat(slice.opIds()).containsExactly(ids.get(i));
            assertThat(slice.totalBytes()).as("the size the budget is charged with").isEqualTo(OP_SIZE);
        }
        List<OpId> sent = takeDiscOps(store, 5, 1_000, budget);
        assertThat(sent).as("only 3 ops due to the size limit").containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(budget[0]).isZero();
    }
}
