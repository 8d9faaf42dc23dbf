package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.api.codec.MemoryOps;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/** Interrupted writes heal when an op is stored again; the checkpointed count stays exact. */
@ExtendWith(CassandraExtension.class)
class RepairAndCountTest {

    private static TestStores stores;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        stores = new TestStores(endpoint, TestStores.defaults().setCountCheckpointInterval(Duration.ZERO));
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Test
    void anOpWhoseIndexingWasInterruptedIsInvisibleUntilStoredAgain() {
        ManualClock clock = new ManualClock(5_000_000);
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, clock, SettleWindow.NONE);
        byte[] op = Ops.memoryOp(77, 40, 123);
        OpId id = Ops.memoryOpId(77, 40);
        // What a crash right after the first-writer transaction leaves: the op row, no index rows, no flag.
        stores.session.execute(SimpleStatement.newInstance("INSERT INTO " + TestStores.KEYSPACE
                        + ".ops_by_id (space_uid, op_id, location, created_at, stored_at, size, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                store.space().uid(), ByteBuffer.wrap(id.toBytes()), 77, 123L, 4_000_000L, 40,
                ByteBuffer.wrap(MemoryOps.encode(123, MemoryOps.payloadAt(77, 40)))));

        assertThat(result(store.filterOutExistingOps(List.of(id)))).as("the sender is asked for it again").containsExactly(id);
        assertThat(result(store.retrieveOps(List.of(id)))).isEmpty();

        assertThat(result(store.processIncomingOps(List.of(op)))).containsExactly(id);
        assertThat(result(store.filterOutExistingOps(List.of(id)))).isEmpty();
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(1000))).opIds())
                .containsExactly(id);
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(4_000_000), 1000)).opIds())
                .as("indexed with the first writer's stored_at").containsExactly(id);
        assertThat(result(store.queryTotalOpCount())).isEqualTo(1L);
    }

    /**
     * Issue 14.1: an op whose store was interrupted, healed after pagers and the count moved past its
     * stamp, moves to a new stamp: indexed at the old one, a pager would skip it for good and the
     * count would stay one short (both failed before the re-stamp).
     */
    @Test
    void anOpHealedLongAfterItsStampIsMovedAheadOfBookmarksAndCounted() {
        ManualClock clock = new ManualClock(100_000_000);
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, clock, new SettleWindow(1_000_000));
        byte[] op = Ops.memoryOp(91, 40, 456);
        OpId id = Ops.memoryOpId(91, 40);
        byte[] other = Ops.memoryOp(92, 40, 457, 1);
        // A crash right after the op row was written at t = 100 s: no index rows, no flag.
        stores.session.execute(SimpleStatement.newInstance("INSERT INTO " + TestStores.KEYSPACE
                        + ".ops_by_id (space_uid, op_id, location, created_at, stored_at, size, data, claims) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                store.space().uid(), ByteBuffer.wrap(id.toBytes()), 91, 456L, 100_000_000L, 40,
                ByteBuffer.wrap(MemoryOps.encode(456, MemoryOps.payloadAt(91, 40))), java.util.Set.of(100_000_000L)));
        OpId otherId = result(store.processIncomingOps(List.of(other))).get(0);

        clock.advance(100_000_000);
        var page = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1_000_000));
        assertThat(page.opIds()).containsExactly(otherId);
        Timestamp bookmark = page.next();
        assertThat(bookmark.micros()).as("the pager is past the op's first stamp").isGreaterThan(100_000_000L);
        assertThat(result(store.queryTotalOpCount())).isEqualTo(1L);

        assertThat(result(store.processIncomingOps(List.of(op)))).containsExactly(id);
        clock.advance(2_000_000);
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, bookmark, 1_000_000)).opIds())
                .as("the pager finds the healed op after its bookmark").containsExactly(id);
        assertThat(result(store.queryTotalOpCount())).isEqualTo(2L);
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1_000_000)).opIds())
                .as("one stored_at row each").containsExactly(otherId, id);
        assertThat(result(store.retrieveOps(List.of(id)))).singleElement()
                .satisfies(stored -> assertThat(stored.opData()).isEqualTo(MemoryOps.encode(456, MemoryOps.payloadAt(91, 40))));
        long storedAt = stores.session.execute(SimpleStatement.newInstance("SELECT stored_at FROM " + TestStores.KEYSPACE
                + ".ops_by_id WHERE space_uid = ? AND op_id = ?", store.space().uid(), ByteBuffer.wrap(id.toBytes()))).one().getLong(0);
        assertThat(storedAt).as("the row carries the new stamp").isGreaterThan(bookmark.micros());
    }

    @Test
    void theCountIsExactAcrossCheckpoints() {
        ManualClock clock = new ManualClock(10_000_000);
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, clock, new SettleWindow(1_000_000));
        long expected = 0;
        for (int round = 0; round < 6; round++) {
            java.util.List<byte[]> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 25; i++) {
                batch.add(Ops.memoryOp((long) round * 1000 + i, 32, i, round * 1000L + i));
            }
            batch.add(batch.get(0)); // a duplicate in the batch
            result(store.processIncomingOps(batch));
            expected += 25;
            result(store.processIncomingOps(batch.subList(3, 9))); // re-sent ops
            assertThat(result(store.queryTotalOpCount())).isEqualTo(expected);
            clock.advance(round % 2 == 0 ? 700_000 : 5_000_000); // some counts fall inside the settle window, some after
        }
        CassandraOpStore fresh = stores.stores.store(store.space(), clock, new SettleWindow(1_000_000));
        assertThat(result(fresh.queryTotalOpCount())).as("another process reads the same checkpoint").isEqualTo(expected);
    }
}
