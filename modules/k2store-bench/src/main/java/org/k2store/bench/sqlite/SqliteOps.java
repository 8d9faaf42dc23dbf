package org.k2store.bench.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/**
 * The SQL of the SQLite peer, with its statements prepared once. Not thread-safe: only the store's
 * one thread calls it. Arc queries use Holochain's wrap-aware predicate with the bounds as
 * parameters, exactly as Holochain sends them, so SQLite plans without knowing which branch holds.
 */
final class SqliteOps implements AutoCloseable {

    /** ?1 = arc start, ?2 = arc end, both unsigned 32-bit values. */
    static final String ARC = "((?1 <= ?2 AND location BETWEEN ?1 AND ?2) OR (?1 > ?2 AND (location >= ?1 OR location <= ?2)))";
    static final String TIME_SLICE = "SELECT op_id, serialized_size FROM ops WHERE " + ARC
            + " AND created_at >= ?3 AND created_at < ?4 ORDER BY created_at, op_id";
    static final String BOUNDED = "SELECT op_id, stored_at, serialized_size FROM ops WHERE " + ARC
            + " AND stored_at >= ?3 ORDER BY stored_at, op_id";
    static final String EARLIEST = "SELECT MIN(created_at) FROM ops WHERE " + ARC;

    private static final long EMPTY_ARC_KEY = -1;

    private final Connection connection;
    private final PreparedStatement exists;
    private final PreparedStatement insert;
    private final PreparedStatement insertData;
    private final PreparedStatement data;
    private final PreparedStatement timeSlice;
    private final PreparedStatement bounded;
    private final PreparedStatement earliest;
    private final PreparedStatement count;
    private final PreparedStatement upsertSliceHash;
    private final PreparedStatement sliceHash;
    private final PreparedStatement highestSlice;
    private final PreparedStatement sliceHashes;

    SqliteOps(Connection connection) throws SQLException {
        this.connection = connection;
        exists = connection.prepareStatement("SELECT 1 FROM ops WHERE op_id = ?");
        insert = connection.prepareStatement(
                "INSERT INTO ops (op_id, location, created_at, stored_at, serialized_size) VALUES (?, ?, ?, ?, ?)");
        insertData = connection.prepareStatement("INSERT INTO op_data (op_id, data) VALUES (?, ?)");
        data = connection.prepareStatement("SELECT data FROM op_data WHERE op_id = ?");
        timeSlice = connection.prepareStatement(TIME_SLICE);
        bounded = connection.prepareStatement(BOUNDED);
        earliest = connection.prepareStatement(EARLIEST);
        count = connection.prepareStatement("SELECT COUNT(*) FROM ops");
        upsertSliceHash = connection.prepareStatement("INSERT INTO slice_hashes (arc_start, arc_end, slice_key, hash) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (arc_start, arc_end, slice_key) DO UPDATE SET hash = excluded.hash");
        sliceHash = connection.prepareStatement("SELECT hash FROM slice_hashes WHERE arc_start = ? AND arc_end = ? AND slice_key = ?");
        highestSlice = connection.prepareStatement("SELECT MAX(slice_key) FROM slice_hashes WHERE arc_start = ? AND arc_end = ?");
        sliceHashes = connection.prepareStatement(
                "SELECT slice_key, hash FROM slice_hashes WHERE arc_start = ? AND arc_end = ? ORDER BY slice_key");
    }

    boolean exists(OpId id) throws SQLException {
        exists.setBytes(1, id.toBytes());
        try (ResultSet rows = exists.executeQuery()) {
            return rows.next();
        }
    }

    /** One new op; the caller holds the transaction. */
    void insert(OpId id, int location, long createdAt, long storedAt, int size, byte[] bytes) throws SQLException {
        insert.setBytes(1, id.toBytes());
        insert.setLong(2, Integer.toUnsignedLong(location));
        insert.setLong(3, createdAt);
        insert.setLong(4, storedAt);
        insert.setInt(5, size);
        insert.executeUpdate();
        insertData.setBytes(1, id.toBytes());
        insertData.setBytes(2, bytes);
        insertData.executeUpdate();
    }

    byte[] data(OpId id) throws SQLException {
        data.setBytes(1, id.toBytes());
        try (ResultSet rows = data.executeQuery()) {
            return rows.next() ? rows.getBytes(1) : null;
        }
    }

    TimeSliceHashes timeSlice(DhtArc arc, Timestamp start, Timestamp end) throws SQLException {
        List<OpId> ids = new ArrayList<>();
        long total = 0;
        bindArc(timeSlice, arc);
        timeSlice.setLong(3, start.micros());
        timeSlice.setLong(4, end.micros());
        try (ResultSet rows = timeSlice.executeQuery()) {
            while (rows.next()) {
                ids.add(OpId.of(rows.getBytes(1)));
                total = OpSizes.saturatingAdd(total, rows.getInt(2));
            }
        }
        return new TimeSliceHashes(ids, total);
    }

    /** Fills {@code ids} while ops fit; answers the total and the stored_at of the first that did not fit (or null). */
    BoundedScan bounded(DhtArc arc, Timestamp start, long limitBytes, List<OpId> ids) throws SQLException {
        long total = 0;
        bindArc(bounded, arc);
        bounded.setLong(3, start.micros());
        try (ResultSet rows = bounded.executeQuery()) {
            while (rows.next()) {
                int size = rows.getInt(3);
                if (total + size > limitBytes) {
                    return new BoundedScan(total, new Timestamp(rows.getLong(2)));
                }
                ids.add(OpId.of(rows.getBytes(1)));
                total += size;
            }
        }
        return new BoundedScan(total, null);
    }

    Optional<Timestamp> earliest(DhtArc arc) throws SQLException {
        bindArc(earliest, arc);
        try (ResultSet rows = earliest.executeQuery()) {
            rows.next();
            long value = rows.getLong(1);
            return rows.wasNull() ? Optional.empty() : Optional.of(new Timestamp(value));
        }
    }

    long count() throws SQLException {
        try (ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    void storeSliceHash(DhtArc arc, long index, byte[] hash) throws SQLException {
        bindArcKey(upsertSliceHash, arc);
        upsertSliceHash.setLong(3, index ^ Long.MIN_VALUE);
        upsertSliceHash.setBytes(4, hash);
        upsertSliceHash.executeUpdate();
    }

    Optional<byte[]> sliceHash(DhtArc arc, long index) throws SQLException {
        bindArcKey(sliceHash, arc);
        sliceHash.setLong(3, index ^ Long.MIN_VALUE);
        try (ResultSet rows = sliceHash.executeQuery()) {
            return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
        }
    }

    long sliceHashCount(DhtArc arc) throws SQLException {
        bindArcKey(highestSlice, arc);
        try (ResultSet rows = highestSlice.executeQuery()) {
            rows.next();
            long key = rows.getLong(1);
            return rows.wasNull() ? 0L : SliceIndexes.countAfter(key ^ Long.MIN_VALUE);
        }
    }

    List<SliceHash> sliceHashes(DhtArc arc) throws SQLException {
        bindArcKey(sliceHashes, arc);
        List<SliceHash> found = new ArrayList<>();
        try (ResultSet rows = sliceHashes.executeQuery()) {
            while (rows.next()) {
                found.add(new SliceHash(rows.getLong(1) ^ Long.MIN_VALUE, rows.getBytes(2)));
            }
        }
        return found;
    }

    /** SQLite's own account of how it runs the three arc queries, for the benchmark's record. */
    LinkedHashMap<String, String> queryPlans() throws SQLException {
        LinkedHashMap<String, String> plans = new LinkedHashMap<>();
        plans.put("time_slice", plan(TIME_SLICE));
        plans.put("bounded", plan(BOUNDED));
        plans.put("earliest", plan(EARLIEST));
        return plans;
    }

    private String plan(String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            bindArc(statement, DhtArc.sector(0));
            if (sql.contains("?3")) {
                statement.setLong(3, 0);
            }
            if (sql.contains("?4")) {
                statement.setLong(4, 1);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    text.append(text.length() == 0 ? "" : "; ").append(rows.getString(4));
                }
            }
        }
        return text.toString();
    }

    private static void bindArc(PreparedStatement statement, DhtArc arc) throws SQLException {
        statement.setLong(1, arc.start());
        statement.setLong(2, arc.end());
    }

    private static void bindArcKey(PreparedStatement statement, DhtArc arc) throws SQLException {
        statement.setLong(1, arc.isEmpty() ? EMPTY_ARC_KEY : arc.start());
        statement.setLong(2, arc.isEmpty() ? EMPTY_ARC_KEY : arc.end());
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** What a bounded scan took: the bytes, and the stored_at of the first op that did not fit. */
    record BoundedScan(long totalBytes, Timestamp firstNotFitting) {
    }
}
