package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /**
     * A partition's cells go as counter batches of {@link SectorStats#CELLS_PER_BATCH}: more cells
     * than one batch holds, in both kinds of partition, all arrive with their sums.
     */
    @Test
    void cellsBeyondOneBatchAllArrive() {
        long hour = SectorStats.bucketMicros(SectorStats.RECENT);
        long slice = SectorStats.bucketMicros(SectorStats.HISTORY);
        ManualClock clock = new ManualClock(200 * hour + 5);
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, clock, SettleWindow.NONE);
        int sectors = SectorStats.CELLS_PER_BATCH * 2 + 50;
        List<byte[]> batch = new ArrayList<>();
        for (int sector = 0; sector < sectors; sector++) {
            // Two ops per sector (20 and 30 bytes), in two slices of history: 2 x 250 history cells, 250 recent ones.
            batch.add(Ops.memoryOp(((long) sector << 23) + 1, 20, 3 * slice + 7, sector));
            batch.add(Ops.memoryOp(((long) sector << 23) + 2, 30, 4 * slice + 7, sector));
        }
        result(store.processIncomingOps(batch));
        result(stores.stores.sectorStats().flush());

        List<SectorStats.SectorFigure> recent = result(stores.stores.sectorStats().read(store.space().uid(), SectorStats.RECENT, 200, 200));
        assertThat(recent).hasSize(sectors).allSatisfy(figure -> {
            assertThat(figure.ops()).isEqualTo(2);
            assertThat(figure.bytes()).isEqualTo(50);
        });
        List<SectorStats.SectorFigure> history = result(stores.stores.sectorStats().read(store.space().uid(), SectorStats.HISTORY, 3, 4));
        assertThat(history).hasSize(2 * sectors).allSatisfy(figure -> assertThat(figure.ops()).isEqualTo(1));
        assertThat(history.stream().mapToLong(SectorStats.SectorFigure::bytes).sum()).isEqualTo(50L * sectors);
    }

    /** Nobody flushing (a library user) or Cassandra down: waiting cells stop at the bound, the rest is counted as dropped. */
    @Test
    void waitingCellsAreBounded() {
        SectorStats stats = new SectorStats(stores.session, TestStores.KEYSPACE);
        UUID space = UUID.randomUUID();
        int over = 7;
        for (int i = 0; i < SectorStats.MAX_PENDING_CELLS / 2 + over; i++) {
            // Each op opens two cells: its recent hour and its history slice.
            stats.record(space, i << 23, (long) i * SectorStats.bucketMicros(SectorStats.HISTORY), (long) i * 3_600_000_000L, 1);
        }
        assertThat(stats.droppedTallies()).isEqualTo(2L * over);
        stats.record(space, 0, 0, 0, 1); // an existing cell still adds up
        assertThat(stats.droppedTallies()).isEqualTo(2L * over);
    }

    /**
     * Recent figures live in one partition per day (issue 14.4: before, one partition per space took
     * every hour of every day, for good), a read across midnight sees both days, and the flush that
     * opens a new day deletes the days that fell out of the retention window.
     */
    @Test
    void recentFiguresArePartitionedByDayAndOldDaysAreDeleted() {
        long hour = SectorStats.bucketMicros(SectorStats.RECENT);
        long firstDay = 20_000;
        ManualClock clock = new ManualClock((firstDay * 24 + 23) * hour + 5); // the last hour of a day
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, clock, SettleWindow.NONE);
        UUID space = store.space().uid();
        result(store.processIncomingOps(List.of(Ops.memoryOp(1L << 23, 40, 1000, 1))));
        clock.set(((firstDay + 1) * 24) * hour + 5); // the first hour of the next day
        result(store.processIncomingOps(List.of(Ops.memoryOp(2L << 23, 50, 1000, 2))));
        result(stores.stores.sectorStats().flush());

        assertThat(dayPartition(space, firstDay)).as("the last hour of the first day").containsExactly(1);
        assertThat(dayPartition(space, firstDay + 1)).as("the first hour of the next").containsExactly(2);
        assertThat(result(stores.stores.sectorStats().read(space, SectorStats.RECENT, firstDay * 24 + 20, (firstDay + 1) * 24 + 3)))
                .extracting(SectorStats.SectorFigure::sector).containsExactly(1, 2);
        assertThat(stores.session.execute(SimpleStatement.newInstance("SELECT ops FROM " + TestStores.KEYSPACE
                + ".sector_stats WHERE space_uid = ? AND scale = 0", space)).all()).as("nothing hourly in the old partition").isEmpty();

        // A write on the day the first falls out of the window deletes it, and keeps the next.
        clock.set(((firstDay + SectorStats.RETENTION_DAYS) * 24 + 2) * hour);
        result(store.processIncomingOps(List.of(Ops.memoryOp(3L << 23, 60, 1000, 3))));
        result(stores.stores.sectorStats().flush());
        assertThat(dayPartition(space, firstDay)).as("older than the retention window").isEmpty();
        assertThat(dayPartition(space, firstDay + 1)).as("still within it").containsExactly(2);
        assertThat(dayPartition(space, firstDay + SectorStats.RETENTION_DAYS)).containsExactly(3);
    }

    private static List<Integer> dayPartition(UUID space, long day) {
        return stores.session.execute(SimpleStatement.newInstance("SELECT sector FROM " + TestStores.KEYSPACE
                + ".recent_sector_stats WHERE space_uid = ? AND day = ?", space, day)).all().stream()
                .map(row -> row.getInt(0)).toList();
    }
}
