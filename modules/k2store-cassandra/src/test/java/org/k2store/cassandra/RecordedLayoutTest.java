package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * A space keeps the bucket layout it was created with (issue 14.3): a node whose configuration
 * later says other location bits and time buckets still finds every op of an old space (today's
 * main read the partitions of the new configuration and found none), new spaces get the new
 * layout, and both kinds of space work side by side on one node.
 */
@ExtendWith(CassandraExtension.class)
class RecordedLayoutTest {

    private static final int OPS = 40;

    private static CassandraStoreConfig dense() {
        return TestStores.defaults().setFineLocationBits(6).setCoarseLocationBits(2)
                .setCreatedBucket(Duration.ofHours(1)).setStoredBucket(Duration.ofMinutes(5));
    }

    private static List<OpId> store(CassandraOpStore store) {
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < OPS; i++) {
            ops.add(Ops.memoryOp(i * 100_000_000L, 30, 1_000_000L + i * 7_000_000_000L, i));
        }
        return result(store.processIncomingOps(ops));
    }

    private static void assertEveryOpFound(CassandraOpStore store, List<OpId> ids) {
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, Timestamp.MIN, Timestamp.MAX)).opIds())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.of(90_000_000, 210_000_000), Timestamp.MIN, Timestamp.MAX)).opIds())
                .as("a narrow arc reads the fine grain").containsExactlyInAnyOrder(ids.get(1), ids.get(2));
        assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, Timestamp.MIN, Integer.MAX_VALUE)).opIds())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(result(store.queryTotalOpCount())).isEqualTo(OPS);
    }

    @Test
    void aSpaceIsReadWithItsRecordedLayoutAfterTheConfigurationChanged(CassandraEndpoint endpoint) {
        String old = "layout-old-" + UUID.randomUUID();
        String fresh = "layout-new-" + UUID.randomUUID();
        List<OpId> oldIds;
        try (TestStores before = new TestStores(endpoint, TestStores.defaults())) {
            SpaceHandle handle = result(before.stores.createSpace(old, SpaceSettings.KITSUNE2_MEMORY));
            assertThat(handle.layout()).isEqualTo(TestStores.defaults().bucketLayout().recorded());
            oldIds = store(before.stores.store(handle, new ManualClock(10_000_000), SettleWindow.NONE));
        }
        try (TestStores after = new TestStores(endpoint, dense())) {
            SpaceHandle reopened = result(after.stores.findSpace(old)).orElseThrow();
            assertThat(reopened.layout()).as("the layout recorded at creation").isEqualTo(TestStores.defaults().bucketLayout().recorded());
            assertEveryOpFound(after.stores.store(reopened, new ManualClock(20_000_000), SettleWindow.NONE), oldIds);

            SpaceHandle created = result(after.stores.createSpace(fresh, SpaceSettings.KITSUNE2_MEMORY));
            assertThat(created.layout()).as("a new space gets the denser layout").isEqualTo(dense().bucketLayout().recorded());
            List<OpId> newIds = store(after.stores.store(created, new ManualClock(30_000_000), SettleWindow.NONE));
            assertEveryOpFound(after.stores.store(created, new ManualClock(40_000_000), SettleWindow.NONE), newIds);
        }
        try (TestStores back = new TestStores(endpoint, TestStores.defaults())) {
            SpaceHandle dense = result(back.stores.findSpace(fresh)).orElseThrow();
            assertThat(dense.layout()).isEqualTo(dense().bucketLayout().recorded());
            assertThat(result(back.stores.store(dense, new ManualClock(50_000_000), SettleWindow.NONE).queryTotalOpCount())).isEqualTo(OPS);
        }
    }

    @Test
    void theRecordedFormRoundTripsAndABrokenOneFailsLoudly() {
        BucketLayout layout = dense().bucketLayout();
        assertThat(BucketLayout.parse(layout.recorded(), 32).recorded()).isEqualTo(layout.recorded());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BucketLayout.parse("fine=9;coarse=4", 32))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks created_us");
    }
}
