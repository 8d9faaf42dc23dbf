package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceConflictException;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/**
 * Dropping a space (issue 14.5): the name is refused while other nodes may still serve the old uid,
 * then re-created under a new one; the old uid's rows are deleted in bounded steps that a new node
 * resumes where a stopped one left off, and no row of another space is touched. On today's main a
 * drop deleted only the name row: every other row stayed for good, and re-creation was immediate.
 */
@ExtendWith(CassandraExtension.class)
class SpacePurgeTest {

    private static final int OPS = 300;
    /** Small steps, so the purge needs many of them and a node change mid-way. */
    private static final int STEP_REQUESTS = 60;

    private static CassandraStoreConfig purgingAtOnce() {
        return TestStores.defaults().setRecreateAfterDrop(Duration.ZERO).setPurgeRequestsPerStep(STEP_REQUESTS);
    }

    /** Ops over the whole ring and ten created_at buckets, and slice hashes for a few arcs. */
    private static List<OpId> fill(CqlSession session, CassandraOpStore store) {
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < OPS; i++) {
            long location = (i * 14_316_557L) & 0xFFFF_FFFFL;
            ops.add(Ops.memoryOp(location, 40, 1_000_000L + (i % 10) * 460_800_000_000L, i));
        }
        List<OpId> ids = result(store.processIncomingOps(ops));
        for (int sector = 0; sector < 5; sector++) {
            result(store.storeSliceHash(DhtArc.sector(sector), 0, new byte[] {(byte) sector}));
            result(store.storeSliceHash(DhtArc.sector(sector), 1, new byte[] {(byte) sector, 1}));
        }
        // A chunk of a seal of the coarse partition the first op is in (a busy partition's seal).
        session.execute(SimpleStatement.newInstance("INSERT INTO " + TestStores.KEYSPACE
                + ".sealed_chunks (space_uid, grain, loc_bucket, time_bucket, seal, chunk, rows) VALUES (?, 1, 0, 0, 1, 0, 0x01)",
                store.space().uid()));
        return ids;
    }

    /** Rows of {@code uid} per table (a scan: test keyspace only). */
    private static Map<String, Long> rowsOf(CqlSession session, UUID uid) {
        Map<String, Long> rows = new java.util.TreeMap<>();
        for (String table : List.of("ops_by_created", "ops_by_stored", "bucket_index", "slice_hashes", "sector_stats", "recent_sector_stats",
                "sealed_chunks")) {
            rows.put(table, session.execute(SimpleStatement.newInstance("SELECT COUNT(*) FROM " + TestStores.KEYSPACE + "." + table
                    + " WHERE space_uid = ? ALLOW FILTERING", uid)).one().getLong(0));
        }
        return rows;
    }

    private static long opRowsOf(CqlSession session, UUID uid, List<OpId> ids) {
        long found = 0;
        for (OpId id : ids) {
            found += session.execute(SimpleStatement.newInstance("SELECT op_id FROM " + TestStores.KEYSPACE
                    + ".ops_by_id WHERE space_uid = ? AND op_id = ?", uid, ByteBuffer.wrap(id.toBytes()))).all().size();
        }
        return found;
    }

    private static long savedRequests(CqlSession session, UUID uid) {
        return session.execute(SimpleStatement.newInstance("SELECT requests FROM " + TestStores.KEYSPACE
                + ".space_purges WHERE space_uid = ?", uid)).one().getLong(0);
    }

    private static boolean queued(CqlSession session, UUID uid) {
        return session.execute(SimpleStatement.newInstance("SELECT space_uid FROM " + TestStores.KEYSPACE
                + ".space_purges WHERE space_uid = ?", uid)).one() != null;
    }

    @Test
    void aDroppedSpaceIsPurgedInBoundedStepsThatAnotherNodeResumes(CassandraEndpoint endpoint) {
        String doomedName = "purge-doomed-" + UUID.randomUUID();
        String keptName = "purge-kept-" + UUID.randomUUID();
        SpaceHandle doomed;
        SpaceHandle kept;
        List<OpId> doomedIds;
        List<OpId> keptIds;
        int steps = 0;
        try (TestStores first = new TestStores(endpoint, purgingAtOnce())) {
            doomed = result(first.stores.createSpace(doomedName, SpaceSettings.KITSUNE2_MEMORY));
            kept = result(first.stores.createSpace(keptName, SpaceSettings.KITSUNE2_MEMORY));
            // Stored now, as in production: the recent console figures are in today's partition.
            doomedIds = fill(first.session, first.stores.store(doomed, new ManualClock(System.currentTimeMillis() * 1_000), SettleWindow.NONE));
            keptIds = fill(first.session, first.stores.store(kept, new ManualClock(System.currentTimeMillis() * 1_000), SettleWindow.NONE));
            result(first.stores.sectorStats().flush());
            Map<String, Long> before = rowsOf(first.session, doomed.uid());
            assertThat(before).as("rows to purge in every table the space wrote")
                    .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
            assertThat(opRowsOf(first.session, doomed.uid(), doomedIds)).isEqualTo(OPS);

            assertThat(result(first.stores.dropSpace(doomedName))).isTrue();
            assertThat(result(first.stores.findSpace(doomedName))).as("gone for every reader at once").isEmpty();
            assertThat(result(first.stores.dropSpace(doomedName))).as("dropped already").isFalse();
            assertThat(queued(first.session, doomed.uid())).isTrue();

            // A few steps on this node, then it stops: the purge is half done.
            for (int i = 0; i < 5; i++) {
                SpacePurges.Step step = result(first.stores.purges().step());
                assertThat(step.requests()).as("a step is bounded").isLessThanOrEqualTo(STEP_REQUESTS + OPS + 2L);
                steps++;
            }
            assertThat(queued(first.session, doomed.uid())).as("not done after five small steps").isTrue();
            // The node stops in the middle of a step: it claimed the purge and never saved (a transaction,
            // as the lease is only ever written by them).
            first.session.execute(SimpleStatement.newInstance("UPDATE " + TestStores.KEYSPACE
                    + ".space_purges SET lease_until = ? WHERE space_uid = ? IF EXISTS", Instant.now().plusSeconds(600), doomed.uid()));
        }
        try (TestStores second = new TestStores(endpoint, purgingAtOnce())) {
            long saved = savedRequests(second.session, doomed.uid());
            result(second.stores.purges().step()); // may work on another space's purge, never on this one
            assertThat(savedRequests(second.session, doomed.uid())).as("the stopped node's lease holds the purge until it runs out")
                    .isEqualTo(saved);
            // Its lease runs out.
            second.session.execute(SimpleStatement.newInstance("UPDATE " + TestStores.KEYSPACE
                    + ".space_purges SET lease_until = ? WHERE space_uid = ? IF EXISTS", Instant.now().minusMillis(1), doomed.uid()));
            while (queued(second.session, doomed.uid())) {
                assertThat(steps).as("the purge ends; now at %s", second.session.execute(SimpleStatement.newInstance("SELECT stage, position,"
                        + " scan_token, requests FROM " + TestStores.KEYSPACE + ".space_purges WHERE space_uid = ?", doomed.uid())).one()
                        .getFormattedContents()).isLessThan(2_000);
                SpacePurges.Step step = result(second.stores.purges().step());
                assertThat(step.requests()).as("a step is bounded").isLessThanOrEqualTo(STEP_REQUESTS + OPS + 2L);
                steps++;
            }
            assertThat(rowsOf(second.session, doomed.uid())).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
            assertThat(second.session.execute(SimpleStatement.newInstance("SELECT space_uid FROM " + TestStores.KEYSPACE
                    + ".op_count_checkpoints WHERE space_uid = ?", doomed.uid())).one()).isNull();
            assertThat(opRowsOf(second.session, doomed.uid(), doomedIds)).as("ops_by_id rows of the dropped space").isZero();

            CassandraOpStore survivor = second.stores.store(result(second.stores.findSpace(keptName)).orElseThrow(),
                    new ManualClock(System.currentTimeMillis() * 1_000), SettleWindow.NONE);
            assertThat(result(survivor.queryTotalOpCount())).as("the other space is untouched").isEqualTo(OPS);
            assertThat(result(survivor.retrieveOps(keptIds))).hasSize(OPS);
            assertThat(result(survivor.retrieveOpHashesInTimeSlice(DhtArc.FULL, Timestamp.MIN, Timestamp.MAX)).opIds()).hasSize(OPS);
            assertThat(result(survivor.sliceHashCount(DhtArc.sector(4)))).isEqualTo(2);
            assertThat(rowsOf(second.session, kept.uid())).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        }
        assertThat(steps).as("bounded steps, not one sweep").isGreaterThan(5);
    }

    @Test
    void aDroppedNameIsRefusedWhileNodesMayServeItThenGetsANewUid(CassandraEndpoint endpoint) throws Exception {
        Duration grace = Duration.ofSeconds(3);
        String name = "purge-recreated-" + UUID.randomUUID();
        try (TestStores stores = new TestStores(endpoint, TestStores.defaults().setRecreateAfterDrop(grace))) {
            SpaceHandle old = result(stores.stores.createSpace(name, SpaceSettings.KITSUNE2_MEMORY));
            fill(stores.session, stores.stores.store(old, new ManualClock(5_000_000_000L), SettleWindow.NONE));
            long dropped = System.nanoTime();
            assertThat(result(stores.stores.dropSpace(name))).isTrue();

            assertThatThrownBy(() -> result(stores.stores.createSpace(name, SpaceSettings.KITSUNE2_MEMORY)))
                    .isInstanceOfAny(SpaceConflictException.class, CompletionException.class)
                    .satisfies(e -> assertThat(e instanceof SpaceConflictException ? e : e.getCause())
                            .isInstanceOf(SpaceConflictException.class).hasMessageContaining("was dropped at")
                            .hasMessageContaining("can be created again from"));
            SpacePurges.Step early = result(stores.stores.purges().step());
            assertThat(queued(stores.session, old.uid())).as("not purged while nodes may still write to it").isTrue();
            assertThat(early.queued()).isPositive();

            Thread.sleep(Math.max(0, grace.toMillis() - Duration.ofNanos(System.nanoTime() - dropped).toMillis() + 200));
            assertThat(result(stores.stores.createSpaceReportingNew(name, SpaceSettings.KITSUNE2_MEMORY))).as("created anew").isTrue();
            SpaceHandle again = result(stores.stores.findSpace(name)).orElseThrow();
            assertThat(again.uid()).as("a new uid: none of the old data is reachable").isNotEqualTo(old.uid());
            CassandraOpStore fresh = stores.stores.store(again, new ManualClock(6_000_000_000L), SettleWindow.NONE);
            assertThat(result(fresh.queryTotalOpCount())).isZero();
            assertThat(result(fresh.sliceHashCount(DhtArc.sector(4)))).isZero();
            assertThat(result(stores.stores.createSpace(name, SpaceSettings.KITSUNE2_MEMORY)).uid()).as("found, not re-created")
                    .isEqualTo(again.uid());
        }
    }
}
