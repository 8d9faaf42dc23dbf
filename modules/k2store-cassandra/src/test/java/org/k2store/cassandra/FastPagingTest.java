package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * Bookmarks from closed timestamps (#14.6): two nodes, node B's clock 300 ms behind, the default
 * 10 s settle window. A caller paging fresh ops with a small budget moves on at once instead of
 * getting the same page until the window passes; a node that stopped without withdrawing its row
 * holds bookmarks back to the settle window, never further. A keyspace of its own, so no other
 * test's nodes are among the writers.
 */
@ExtendWith(CassandraExtension.class)
class FastPagingTest {

    private static final String KEYSPACE = "k2store_fast_paging";
    private static final long SETTLE_MICROS = 10_000_000;
    private static final MicrosClock SYSTEM = MicrosClock.system();
    private static final MicrosClock BEHIND = () -> SYSTEM.nowMicros() - 300_000;
    private static final int OP_BYTES = 64;

    private static TestStores nodeA;
    private static TestStores nodeB;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        nodeA = new TestStores(endpoint, TestStores.defaults().setKeyspace(KEYSPACE));
        nodeB = new TestStores(endpoint, TestStores.defaults().setKeyspace(KEYSPACE).setApplySchema(false), QueryObserver.NONE, BEHIND);
    }

    @AfterAll
    static void close() {
        nodeA.close();
        nodeB.close();
    }

    private static CassandraOpStore[] space() {
        String name = "fast-" + UUID.randomUUID();
        SpaceHandle space = result(nodeA.stores.createSpace(name, SpaceSettings.KITSUNE2_MEMORY));
        SettleWindow window = SettleWindow.of(nodeA.stores.config().getSettleWindow());
        return new CassandraOpStore[] {nodeA.stores.store(space, SYSTEM, window), nodeB.stores.store(space, BEHIND, window)};
    }

    private static List<byte[]> ops(int count, long seed) {
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long n = seed + i;
            ops.add(Ops.memoryOp(n * 2_654_435_761L % (1L << 32), OP_BYTES, 1_000 + n, n));
        }
        return ops;
    }

    @Test
    void pagingFreshOpsWithABudgetOfTenOpsReachesAllSixtyLongBeforeTheSettleWindow() throws Exception {
        CassandraOpStore[] nodes = space();
        Set<OpId> stored = new HashSet<>(result(nodes[1].processIncomingOps(ops(60, 0))));
        long acknowledged = System.nanoTime();
        Set<OpId> seen = new HashSet<>();
        Timestamp bookmark = new Timestamp(0);
        int calls = 0;
        int pagesWithNewIds = 0;
        while (!seen.containsAll(stored) && System.nanoTime() - acknowledged < SETTLE_MICROS * 3_000) {
            BoundedPage page = result(nodes[0].retrieveOpIdsBounded(DhtArc.FULL, bookmark, 10L * OP_BYTES));
            calls++;
            if (!seen.containsAll(page.opIds())) {
                pagesWithNewIds++;
            }
            seen.addAll(page.opIds());
            assertThat(page.next().micros()).as("a bookmark never passes now").isLessThanOrEqualTo(SYSTEM.nowMicros());
            bookmark = page.next();
            Thread.sleep(50);
        }
        long tookMicros = (System.nanoTime() - acknowledged) / 1_000;
        assertThat(seen).as("every stored op reached by paging").containsAll(stored);
        assertThat(pagesWithNewIds).as("six pages of ten").isEqualTo(6);
        // With bookmarks trailing by the settle window this takes over 10 s: the same page comes back
        // until the window passes the first op that did not fit.
        assertThat(tookMicros).as("reached in %d calls", calls).isLessThan(SETTLE_MICROS / 2);
    }

    @Test
    void aNodeGoneWithoutWithdrawingItsRowHoldsBookmarksBackToTheSettleWindowOnly() throws Exception {
        CassandraOpStore[] nodes = space();
        result(nodes[0].processIncomingOps(ops(5, 1_000)));
        UUID gone = UUID.randomUUID();
        String table = KEYSPACE + ".closed_timestamps";
        nodeA.session.execute(SimpleStatement.newInstance("INSERT INTO " + table + " (scope, writer, closed) VALUES ('writers', ?, ?) USING TTL 60",
                gone, SYSTEM.nowMicros() - 3_600_000_000L));
        try {
            Thread.sleep(1_000); // a few readings of the rows
            long before = SYSTEM.nowMicros();
            Timestamp held = result(nodes[0].retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1L << 30)).next();
            assertThat(held.micros()).as("the settle window, not the stale row's hour").isBetween(before - SETTLE_MICROS - 1_000_000,
                    before - SETTLE_MICROS + 1_000_000);
        } finally {
            nodeA.session.execute(SimpleStatement.newInstance("DELETE FROM " + table + " WHERE scope = 'writers' AND writer = ?", gone));
        }
        Thread.sleep(1_000);
        long before = SYSTEM.nowMicros();
        Timestamp free = result(nodes[0].retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1L << 30)).next();
        assertThat(free.micros()).as("once the row is gone, close to now again").isGreaterThan(before - SETTLE_MICROS / 4);
    }

    @Test
    void aNodeClosedWithNothingInFlightWithdrawsItsRow(CassandraEndpoint endpoint) {
        int before = writers();
        TestStores nodeC = new TestStores(endpoint, TestStores.defaults().setKeyspace(KEYSPACE).setApplySchema(false));
        assertThat(writers()).isEqualTo(before + 1);
        nodeC.close();
        assertThat(writers()).isEqualTo(before);
    }

    private static int writers() {
        return nodeA.session.execute("SELECT writer FROM " + KEYSPACE + ".closed_timestamps WHERE scope = 'writers'").all().size();
    }
}
