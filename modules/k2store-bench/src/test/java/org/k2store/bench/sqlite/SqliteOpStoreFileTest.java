package org.k2store.bench.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.testkit.Ops;

/** The file store the benchmark runs: Holochain's settings, its indexes, and data that outlives a close. */
class SqliteOpStoreFileTest {

    @TempDir
    Path directory;

    @Test
    void opsSurviveReopeningTheFileWithHolochainSettings() throws SQLException {
        Path file = directory.resolve("peer.db");
        byte[] op = Ops.memoryOp(DhtArc.sector(7).start() + 5, 64, 1_000);
        OpId id = Ops.memoryOpId(DhtArc.sector(7).start() + 5, 64);
        try (SqliteOpStore store = open(file)) {
            assertThat(result(store.processIncomingOps(List.of(op)))).containsExactly(id);
            assertThat(result(store.queryPlans())).containsKeys("time_slice", "bounded", "earliest");
        }
        try (SqliteOpStore store = open(file)) {
            assertThat(result(store.retrieveOps(List.of(id)))).containsExactly(new MetaOp(id, op));
            assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.sector(7), new Timestamp(0), new Timestamp(2_000))).opIds())
                    .containsExactly(id);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.next()).isTrue();
                assertThat(mode.getString(1)).isEqualTo("wal");
            }
            try (ResultSet indexes = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
                assertThat(indexes.next()).isTrue();
            }
        }
    }

    @Test
    void aClosedStoreFailsCallsInsteadOfHanging() {
        SqliteOpStore store = open(directory.resolve("closed.db"));
        store.close();
        store.close();
        assertThat(store.queryTotalOpCount()).isCompletedExceptionally();
    }

    private static SqliteOpStore open(Path file) {
        return SqliteOpStore.open(file, SqliteIndexes.HOLOCHAIN_0_6, SpaceSettings.KITSUNE2_MEMORY, MicrosClock.system(), SettleWindow.NONE);
    }
}
