package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/**
 * Re-sending ops already stored, with no cache of recently stored ops in the way: the op keeps its
 * first values and one stored_at row, the count stays exact, and the row does not grow with the
 * re-sends (a write path that wrote the op row before knowing the op was stored would add a claim
 * per re-send).
 */
@ExtendWith(CassandraExtension.class)
class ResentOpsTest {

    private static TestStores stores;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        stores = new TestStores(endpoint, TestStores.defaults().setRecentlyStoredOps(0));
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Test
    void reSentOpsKeepTheirFirstStampAndOneClaim() {
        ManualClock clock = new ManualClock(5_000_000);
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, clock, SettleWindow.NONE);
        List<byte[]> ops = new ArrayList<>();
        List<OpId> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ops.add(Ops.memoryOp(i * 1_000_003L, 40, 100 + i, i));
        }
        ids.addAll(result(store.processIncomingOps(ops)));
        long firstPage = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 100_000)).opIds().size();
        assertThat(firstPage).isEqualTo(30);

        for (int round = 0; round < 3; round++) {
            clock.advance(1_000_000);
            // The same ops again, in a batch with new ones: the new ones are stored, the old ones left as they were.
            List<byte[]> again = new ArrayList<>(ops);
            again.add(Ops.memoryOp(77L + round, 40, 500 + round, 1_000 + round));
            List<OpId> answered = result(store.processIncomingOps(again));
            assertThat(answered.subList(0, 30)).as("every input id answered in order").isEqualTo(ids);
        }

        assertThat(result(store.queryTotalOpCount())).isEqualTo(33L);
        List<OpId> paged = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 100_000)).opIds();
        assertThat(paged).as("one stored_at row per op").hasSize(33).doesNotHaveDuplicates();
        assertThat(paged.subList(0, 30)).as("the re-sent ops still at their first stamps, before the new ones")
                .containsExactlyInAnyOrderElementsOf(ids);
        for (OpId id : ids) {
            Row row = stores.session.execute(SimpleStatement.newInstance("SELECT stored_at, claims, claim_created FROM " + TestStores.KEYSPACE
                    + ".ops_by_id WHERE space_uid = ? AND op_id = ?", store.space().uid(), ByteBuffer.wrap(id.toBytes()))).one();
            assertThat(row.getLong("stored_at")).as("first stamp").isLessThan(6_000_000L);
            assertThat(row.getSet("claims", Long.class)).as("the re-sends' claims are taken back").containsExactly(row.getLong("stored_at"));
            assertThat(row.getMap("claim_created", Long.class, Long.class)).containsOnlyKeys(row.getLong("stored_at"));
        }
    }
}
