package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.LocationScheme;
import org.k2store.api.codec.OpCodec;
import org.k2store.api.SpaceSettings;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * The write path sends its rows as multi-partition unlogged batches grouped by replicas
 * (ReplicaBatches). They must stay under the node's own thresholds, which Cassandra reports as
 * warnings with the answer (and refuses past 50 KiB): with the default caps a batch of large ops
 * spread over a year brings no warning, a cap set above the node's threshold does (so the check
 * can see one), and an op larger than any batch is written alone.
 */
@ExtendWith(CassandraExtension.class)
class ReplicaBatchesTest {

    private static final long YEAR_MICROS = 365L * 24 * 3600 * 1_000_000;

    private static QueryObserver recording(List<String> warnings) {
        return new QueryObserver() {
            @Override
            public void onQuery(String method, int partitions, int pages) {
            }

            @Override
            public void onServerWarnings(List<String> answer) {
                warnings.addAll(answer);
            }
        };
    }

    /** {@code count} envelope ops of {@code bytes} each, at random-looking locations, created over a year. */
    private static List<byte[]> ops(int count, int bytes, long seed) {
        List<byte[]> ops = new ArrayList<>();
        long now = System.currentTimeMillis() * 1_000;
        for (int i = 0; i < count; i++) {
            long mixed = (seed * 1_000_003 + i) * 0x9E3779B97F4A7C15L;
            ops.add(Ops.envelope(Ops.suffixId(mixed >>> 32, seed * 10_000 + i), now - Math.floorMod(mixed, YEAR_MICROS), new byte[bytes]));
        }
        return ops;
    }

    private static List<OpId> store(CassandraStoreConfig config, List<String> warnings, List<byte[]> ops, CassandraEndpoint endpoint) {
        try (TestStores node = new TestStores(endpoint, config, recording(warnings))) {
            CassandraOpStore store = (CassandraOpStore) node.factory().open(new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32), MicrosClock.system(),
                    SettleWindow.NONE);
            List<OpId> ids = result(store.processIncomingOps(ops));
            assertThat(result(store.filterOutExistingOps(ids))).as("every op stored").isEmpty();
            assertThat(result(store.queryTotalOpCount())).isEqualTo(ids.size());
            return ids;
        }
    }

    @Test
    void defaultCapsStayUnderTheNodesWarningThresholds(CassandraEndpoint endpoint) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        store(TestStores.defaults(), warnings, ops(300, 600, 1), endpoint);
        store(TestStores.defaults(), warnings, ops(100, 3_000, 2), endpoint);
        assertThat(warnings).isEmpty();
    }

    @Test
    void capsAboveTheNodesThresholdsAreReportedAsWarnings(CassandraEndpoint endpoint) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        CassandraStoreConfig loose = TestStores.defaults().setWriteBatchPartitions(50).setWriteBatchBytes(40_000);
        store(loose, warnings, ops(100, 600, 3), endpoint);
        assertThat(warnings).as("the node warns about batches over 10 partitions or 5 KiB").isNotEmpty();
    }

    @Test
    void anOpLargerThanABatchIsWrittenAlone(CassandraEndpoint endpoint) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        // 60 KiB: a batch holding it and anything else would pass the 50 KiB fail threshold.
        List<byte[]> ops = ops(5, 60_000, 4);
        ops.addAll(ops(20, 500, 5));
        assertThat(store(TestStores.defaults(), warnings, ops, endpoint)).hasSize(25);
        assertThat(warnings).isEmpty();
    }
}
