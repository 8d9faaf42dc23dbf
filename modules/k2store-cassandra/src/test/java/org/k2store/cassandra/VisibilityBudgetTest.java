package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.DhtArc;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoreUnavailableException;
import org.k2store.api.Timestamp;
import org.k2store.api.codec.MemoryOps;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/**
 * Issue 14.1: the settle window's promise (an op is visible within it of its stamp) is checked at
 * start-up against the node's own write timeout, and kept by the write path whatever the driver's
 * request timeout or a batch's duration.
 */
@ExtendWith(CassandraExtension.class)
class VisibilityBudgetTest {

    private static TestStores stores;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        stores = new TestStores(endpoint, TestStores.defaults());
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Test
    void aSettleWindowThatCannotHoldTheNodesWriteTimeoutIsRefusedAtStartUp() {
        Duration nodeTimeout = NodeWriteTimeout.read(stores.session, Duration.ofSeconds(30));
        String reported = stores.session.execute("SELECT value FROM system_views.settings WHERE name = 'write_request_timeout'")
                .one().getString(0);
        assertThat(NodeWriteTimeout.parse(reported, null)).as("what the node reports").contains(nodeTimeout);

        CassandraStoreConfig tooShort = TestStores.defaults().setApplySchema(false)
                .setSettleWindow(nodeTimeout.plus(Duration.ofMillis(900)));
        assertThatThrownBy(() -> CassandraOpStores.open(stores.session, tooShort))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("settleWindow")
                .hasMessageContaining("write_request_timeout")
                .hasMessageContaining(nodeTimeout.toString());

        CassandraStoreConfig enough = TestStores.defaults().setApplySchema(false)
                .setSettleWindow(nodeTimeout.plus(Duration.ofMillis(1500)));
        CassandraOpStores.open(stores.session, enough).close();
        CassandraStoreConfig none = TestStores.defaults().setApplySchema(false).setSettleWindow(Duration.ZERO);
        CassandraOpStores.open(stores.session, none).close();
    }

    @Test
    void aBatchThatCannotBeVisibleWithinItsBudgetFailsAndNothingOfItShowsLate() {
        CassandraOpStores noTime = CassandraOpStores.openWithBudget(stores.session, TestStores.defaults(), QueryObserver.NONE,
                new VisibilityBudget(1));
        SpaceHandle space = result(stores.stores.createSpace("budget-" + UUID.randomUUID(), SpaceSettings.KITSUNE2_MEMORY));
        SettleWindow window = SettleWindow.of(Duration.ofSeconds(10));
        CassandraOpStore late = noTime.store(space, MicrosClock.system(), window);
        byte[] op = Ops.memoryOp(4242, 64, 777);
        OpId id = Ops.memoryOpId(4242, 64);

        assertThatThrownBy(() -> result(late.processIncomingOps(List.of(op))))
                .satisfies(e -> assertThat(unwrapped(e)).isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("retry later"));
        assertThat(result(late.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1_000_000)).opIds()).isEmpty();
        assertThat(result(late.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(1_000_000))).opIds()).isEmpty();
        assertThat(result(late.filterOutExistingOps(List.of(id)))).as("its sender is asked for it again").containsExactly(id);
        noTime.close();

        CassandraOpStore healthy = stores.stores.store(space, MicrosClock.system(), window);
        assertThat(result(healthy.processIncomingOps(List.of(op)))).containsExactly(id);
        assertThat(result(healthy.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1_000_000)).opIds()).containsExactly(id);
        assertThat(result(healthy.queryTotalOpCount())).isEqualTo(1L);
    }

    /**
     * An op left unindexed 3 s ago, with a 4 s budget: indexed at its stamp now, its rows could land
     * past what the settle window promises (before the budget, at most the settle window applied),
     * so it moves to a new stamp although the settle window (10 s) has not passed.
     */
    @Test
    void anOpLeftUnindexedForHalfItsBudgetIsRestampedNotHealedInPlace() {
        CassandraOpStores tight = CassandraOpStores.openWithBudget(stores.session, TestStores.defaults(), QueryObserver.NONE,
                new VisibilityBudget(Duration.ofSeconds(4).toNanos()));
        ManualClock clock = new ManualClock(50_000_000);
        SpaceHandle space = result(stores.stores.createSpace("budget-" + UUID.randomUUID(), SpaceSettings.KITSUNE2_MEMORY));
        CassandraOpStore store = tight.store(space, clock, SettleWindow.of(Duration.ofSeconds(10)));
        byte[] op = Ops.memoryOp(31, 40, 456);
        OpId id = Ops.memoryOpId(31, 40);
        writeUnindexed(space, id, 31, 456, 47_000_000L, MemoryOps.encode(456, MemoryOps.payloadAt(31, 40)));

        assertThat(result(store.processIncomingOps(List.of(op)))).containsExactly(id);
        assertThat(storedAt(space, id)).as("moved to the new stamp").isEqualTo(50_000_000L);
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1_000_000)).opIds()).containsExactly(id);

        byte[] young = Ops.memoryOp(32, 40, 457);
        OpId youngId = Ops.memoryOpId(32, 40);
        writeUnindexed(space, youngId, 32, 457, 49_000_000L, MemoryOps.encode(457, MemoryOps.payloadAt(32, 40)));
        clock.advance(10);
        assertThat(result(store.processIncomingOps(List.of(young)))).containsExactly(youngId);
        assertThat(storedAt(space, youngId)).as("1 s old, within half the budget: healed where it is").isEqualTo(49_000_000L);
        assertThat(result(store.queryTotalOpCount())).isEqualTo(2L);
        tight.close();
    }

    @Test
    void theNodesSettingIsReadInEitherForm() {
        assertThat(NodeWriteTimeout.parse("2000ms", null)).contains(Duration.ofMillis(2000));
        assertThat(NodeWriteTimeout.parse("5s", null)).contains(Duration.ofSeconds(5));
        assertThat(NodeWriteTimeout.parse("2000", "ms")).contains(Duration.ofMillis(2000));
        assertThat(NodeWriteTimeout.parse("2000", null)).isEmpty();
        assertThat(NodeWriteTimeout.parse("soon", "ms")).isEqualTo(Optional.empty());
    }

    private static void writeUnindexed(SpaceHandle space, OpId id, int location, long createdAt, long storedAt, byte[] data) {
        // What an interrupted store leaves: the op row with its claim, no index rows, no flag.
        stores.session.execute(SimpleStatement.newInstance("INSERT INTO " + TestStores.KEYSPACE
                        + ".ops_by_id (space_uid, op_id, location, created_at, stored_at, size, data, claims) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                space.uid(), ByteBuffer.wrap(id.toBytes()), location, createdAt, storedAt, 40, ByteBuffer.wrap(data),
                java.util.Set.of(storedAt)));
    }

    private static long storedAt(SpaceHandle space, OpId id) {
        return stores.session.execute(SimpleStatement.newInstance("SELECT stored_at FROM " + TestStores.KEYSPACE
                + ".ops_by_id WHERE space_uid = ? AND op_id = ?", space.uid(), ByteBuffer.wrap(id.toBytes()))).one().getLong(0);
    }

    private static Throwable unwrapped(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException || t.getClass() == RuntimeException.class)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
