package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/** The console's per-sector figures follow what was first stored, and re-sent ops are not counted twice. */
@ExtendWith(CassandraExtension.class)
class SectorStatsTest {

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
    void figuresCountOpsAndBytesPerSectorOnce() {
        long hour = SectorStats.bucketMicros(SectorStats.RECENT);
        ManualClock clock = new ManualClock(100 * hour + 5);
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, clock, SettleWindow.NONE);
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(Ops.memoryOp(((long) (i % 3) << 23) + i, 40 + i, 1000, i));
        }
        result(store.processIncomingOps(batch));
        result(store.processIncomingOps(batch.subList(0, 10))); // re-sent: not new
        result(stores.stores.sectorStats().flush());

        List<SectorStats.SectorFigure> recent = result(stores.stores.sectorStats().read(store.space().uid(), SectorStats.RECENT, 100, 100));
        Map<Integer, Long> opsBySector = recent.stream()
                .collect(Collectors.toMap(SectorStats.SectorFigure::sector, SectorStats.SectorFigure::ops));
        assertThat(opsBySector).containsExactlyInAnyOrderEntriesOf(Map.of(0, 10L, 1, 10L, 2, 10L));
        long bytes = recent.stream().mapToLong(SectorStats.SectorFigure::bytes).sum();
        assertThat(bytes).isEqualTo(30 * 40 + 29 * 30 / 2);
        assertThat(result(stores.stores.sectorStats().read(store.space().uid(), SectorStats.HISTORY, 0, 0)))
                .extracting(SectorStats.SectorFigure::sector).containsExactlyInAnyOrder(0, 1, 2);
    }
}
