package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * The lag between an op's stored_at stamp and its visibility in the indexes is reported (issue
 * 14.1), for new ops and for an op healed after an interrupted store, whose lag is the time since
 * its original stamp: the figure an operator compares with the settle window.
 */
@ExtendWith(CassandraExtension.class)
class VisibilityLagTest {

    private static QueryObserver recording(List<Long> lags) {
        return new QueryObserver() {
            @Override
            public void onQuery(String method, int partitions, int pages) {
            }

            @Override
            public void onVisibilityLag(long micros) {
                lags.add(micros);
            }
        };
    }

    @Test
    void newAndHealedOpsReportHowLateTheyBecameVisible(CassandraEndpoint endpoint) throws Exception {
        List<Long> first = new CopyOnWriteArrayList<>();
        List<Long> second = new CopyOnWriteArrayList<>();
        String name = "lag-" + UUID.randomUUID();
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ops.add(Ops.memoryOp(i * 200_000_000L, 30, 1_000 + i, i));
        }
        List<OpId> ids;
        UUID uid;
        try (TestStores node = new TestStores(endpoint, TestStores.defaults(), recording(first))) {
            SpaceHandle space = result(node.stores.createSpace(name, SpaceSettings.KITSUNE2_MEMORY));
            uid = space.uid();
            ids = result(node.stores.store(space, MicrosClock.system(), SettleWindow.NONE).processIncomingOps(ops));
            assertThat(first).as("one report for the batch of new ops").hasSize(1);
            assertThat(first.get(0)).isBetween(0L, 60_000_000L);

            // An interrupted store: the op's row is there but its indexing never finished.
            node.session.execute(SimpleStatement.newInstance("UPDATE " + TestStores.KEYSPACE
                    + ".ops_by_id SET indexed = false WHERE space_uid = ? AND op_id = ?", uid, ByteBuffer.wrap(ids.get(3).toBytes())));
        }
        Thread.sleep(1_000);
        try (TestStores other = new TestStores(endpoint, TestStores.defaults(), recording(second))) {
            SpaceHandle space = result(other.stores.findSpace(name)).orElseThrow();
            result(other.stores.store(space, MicrosClock.system(), SettleWindow.NONE).processIncomingOps(List.of(ops.get(3))));
        }
        assertThat(second).as("the healed op's lag is the time since its stamp").singleElement()
                .satisfies(lag -> assertThat(lag).isGreaterThanOrEqualTo(900_000L));
    }
}
