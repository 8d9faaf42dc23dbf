package org.k2store.bench.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Holochain's op store layout in SQLite: ONE table of ops keyed by id, with the ring location, both
 * timestamps and the size; the op's bytes live in a table of their own (as Holochain keeps op content
 * apart from its op index), so arc and time scans read narrow rows. Plus a table of slice hashes.
 * Connection settings are Holochain's: write-ahead log, synchronous=NORMAL.
 */
final class SqliteSchema {

    private SqliteSchema() {
    }

    static List<String> statements(SqliteIndexes indexes) {
        List<String> ddl = new ArrayList<>();
        // One row per op. location is the unsigned 32-bit ring position (0..2^32-1) as an INTEGER;
        // created_at is kitsune2's authored timestamp, stored_at Holochain's when_integrated.
        ddl.add("CREATE TABLE IF NOT EXISTS ops ("
                + " op_id BLOB PRIMARY KEY,"
                + " location INTEGER NOT NULL,"
                + " created_at INTEGER NOT NULL,"
                + " stored_at INTEGER NOT NULL,"
                + " serialized_size INTEGER NOT NULL)");
        // The op bytes, fetched by id only (retrieve_ops).
        ddl.add("CREATE TABLE IF NOT EXISTS op_data (op_id BLOB PRIMARY KEY, data BLOB NOT NULL)");
        // Keyed by the exact arc; an EMPTY arc is (-1, -1), which no real arc can be. slice_key is the
        // u64 index with its top bit flipped, so SQLite's signed order is kitsune2's unsigned order.
        ddl.add("CREATE TABLE IF NOT EXISTS slice_hashes ("
                + " arc_start INTEGER NOT NULL,"
                + " arc_end INTEGER NOT NULL,"
                + " slice_key INTEGER NOT NULL,"
                + " hash BLOB NOT NULL,"
                + " PRIMARY KEY (arc_start, arc_end, slice_key))");
        ddl.addAll(indexes.ddl());
        return ddl;
    }

    static void apply(Connection connection, SqliteIndexes indexes) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
            for (String ddl : statements(indexes)) {
                statement.execute(ddl);
            }
        }
    }
}
