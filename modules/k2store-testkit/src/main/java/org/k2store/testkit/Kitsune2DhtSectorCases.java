package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;
import static org.k2store.testkit.DhtTimePartition.UNIT_TIME;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoredOp;
import org.k2store.api.Timestamp;

/**
 * The op-store side of kitsune2's hash partition tests ({@code kitsune2_dht}, {@code crates/dht/src/hash.rs}):
 * the ring cut into 512 sectors, each with its own time partition ({@link DhtTimePartition}), slice
 * hashes keyed by the sector's arc. Upstream builds all 512 sectors; these cases build only the sectors
 * the ops land in (the others see the same empty calls), so that a remote store is not asked for
 * 70,000 time slices per test.
 *
 * <p>Left out: {@code next_update_at_consistent}, which asks a store nothing but empty answers.
 */
abstract class Kitsune2DhtSectorCases extends UpstreamCases {

    private static final String HASH_RS = "holochain/kitsune2 crates/dht/src/hash.rs ";

    Kitsune2DhtSectorCases(OpStoreConformanceSuite suite) {
        super(suite);
    }

    /** The sector an id falls in, as {@code HashPartition::inform_ops_stored} routes it. */
    private static int sectorOf(OpId id) {
        return (int) (Integer.toUnsignedLong(SpaceSettings.KITSUNE2_MEMORY.locationOf(id)) >>> DhtArc.SECTOR_BITS);
    }

    private List<DhtTimePartition> sectors(OpStore store, int count, long now) {
        List<DhtTimePartition> sectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sectors.add(DhtTimePartition.fromStore(14, now, DhtArc.sector(i), store));
        }
        return sectors;
    }

    @Test
    @DisplayName(HASH_RS + "inform_ops_stored_in_full_slices")
    void informOpsStoredInFullSlices() {
        OpStore store = store();
        List<DhtTimePartition> sectors = sectors(store, 2, clock().nowMicros());
        OpId first = OpId.of(new byte[] {7, 0, 0, 0});
        OpId second = OpId.of(le32(1L << DhtArc.SECTOR_BITS));
        assertThat(sectorOf(first)).isZero();
        assertThat(sectorOf(second)).isEqualTo(1);
        sectors.get(0).informOpsStored(store, List.of(new StoredOp(first, new Timestamp(0))));
        sectors.get(1).informOpsStored(store, List.of(new StoredOp(second, new Timestamp(sectors.get(1).fullSliceDuration()))));

        assertThat(result(store.sliceHashCount(DhtArc.sector(0)))).isEqualTo(1L);
        assertThat(result(store.retrieveSliceHash(DhtArc.sector(0), 0))).hasValueSatisfying(h -> assertThat(h).isEqualTo(first.toBytes()));
        assertThat(result(store.sliceHashCount(DhtArc.sector(1))))
                .as("2 because the hash is stored at index 1, not because two hashes are in the sector").isEqualTo(2L);
        assertThat(result(store.retrieveSliceHash(DhtArc.sector(1), 1))).hasValueSatisfying(h -> assertThat(h).isEqualTo(second.toBytes()));
        assertThat(result(store.retrieveSliceHash(DhtArc.sector(1), 0))).isEmpty();
    }

    /**
     * Upstream's "no full slices should get stored" loop asks for {@code Arc(i * size, (i + 1) * size)},
     * which is no sector's arc (a sector ends at {@code (i + 1) * size - 1}), so it cannot fail; this
     * case asks the sectors themselves.
     */
    @Test
    @DisplayName(HASH_RS + "inform_ops_stored_in_partial_slices")
    void informOpsStoredInPartialSlices() {
        OpStore store = store();
        List<DhtTimePartition> sectors = sectors(store, 2, clock().nowMicros());
        OpId first = OpId.of(new byte[] {100, 0, 0, 0});
        OpId second = OpId.of(le32(1L << DhtArc.SECTOR_BITS));
        long fullEnd = sectors.get(0).fullSliceEnd();
        sectors.get(0).informOpsStored(store, List.of(new StoredOp(first, new Timestamp(fullEnd))));
        sectors.get(1).informOpsStored(store, List.of(new StoredOp(second, new Timestamp(fullEnd + (UNIT_TIME << 13)))));

        for (int i = 0; i < DhtArc.SECTOR_COUNT; i++) {
            assertThat(result(store.sliceHashCount(DhtArc.sector(i)))).as("sector %d", i).isZero();
        }
        assertThat(sectors.get(0).partials().get(0).hash()).isEqualTo(first.toBytes());
        assertThat(sectors.get(1).partials().get(1).hash()).isEqualTo(second.toBytes());
    }

    /**
     * {@code covers_full_arc} checks that the 512 sector arcs tile the ring; {@code update_all} stores one
     * op per sector at its start + 1 and expects the partial slice over "now" of every sector to hold
     * exactly one op. Asked of a store: each sector's time slice holds exactly its own ops, at both of
     * its edges.
     */
    @Test
    @DisplayName(HASH_RS + "covers_full_arc, update_all, try_from_store")
    void everySectorsTimeSliceHoldsExactlyItsOwnOps() {
        assertThat(DhtArc.sector(0)).isEqualTo(DhtArc.of(0, (1L << DhtArc.SECTOR_BITS) - 1));
        assertThat(DhtArc.sector(511)).isEqualTo(DhtArc.of(511L << DhtArc.SECTOR_BITS, DhtArc.MAX_LOCATION));
        OpStore store = store();
        long now = clock().nowMicros();
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < DhtArc.SECTOR_COUNT; i++) {
            batch.add(memoryOp(now, le32(DhtArc.sector(i).start() + 1)));
            batch.add(memoryOp(now + 1, le32(DhtArc.sector(i).end())));
            if (batch.size() == 128) {
                store(store, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            store(store, batch);
        }
        for (int i = 0; i < DhtArc.SECTOR_COUNT; i++) {
            DhtArc sector = DhtArc.sector(i);
            assertThat(result(store.retrieveOpHashesInTimeSlice(sector, new Timestamp(now), new Timestamp(now + UNIT_TIME))).opIds())
                    .as("sector %d", i)
                    .containsExactly(memoryOpId(le32(sector.start() + 1)), memoryOpId(le32(sector.end())));
        }
        assertThat(result(store.queryTotalOpCount())).isEqualTo(2L * DhtArc.SECTOR_COUNT);
    }
}
