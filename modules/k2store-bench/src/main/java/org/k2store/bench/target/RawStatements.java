package org.k2store.bench.target;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.k2store.cassandra.CassandraStoreConfig;

/**
 * The raw-driver baseline's statements: the same CQL text, consistency levels and idempotence as
 * k2store's own (its Statements class is package-private, so they are prepared again here), so the
 * baseline differs from k2store only in the logic around them. Its writes are {@link PlainRowWrites}'.
 */
final class RawStatements {

    static final byte CREATED = 0;
    static final byte STORED = 1;

    final PreparedStatement selectOpState;
    final PreparedStatement selectOpData;
    final PreparedStatement scanCreatedBetween;
    final PreparedStatement scanStoredFrom;
    final PreparedStatement scanCreatedFrom;
    final PreparedStatement selectBuckets;
    final PreparedStatement upsertSliceHash;
    final PreparedStatement selectHighestSlice;
    final PreparedStatement selectSliceHashes;

    RawStatements(CqlSession session, CassandraStoreConfig config) {
        String ks = config.getKeyspace();
        ConsistencyLevel read = DefaultConsistencyLevel.valueOf(config.getReadConsistency());
        ConsistencyLevel write = DefaultConsistencyLevel.valueOf(config.getWriteConsistency());
        selectOpState = read(session, read, "SELECT stored_at, created_at, location, size, indexed FROM " + ks
                + ".ops_by_id WHERE space_uid = ? AND op_id = ?");
        selectOpData = read(session, read, "SELECT data, indexed FROM " + ks + ".ops_by_id WHERE space_uid = ? AND op_id = ?");
        String partition = " WHERE space_uid = ? AND grain = ? AND loc_bucket = ? AND time_bucket = ?";
        scanCreatedBetween = read(session, read, "SELECT created_at, op_id, location, size FROM " + ks + ".ops_by_created" + partition
                + " AND created_at >= ? AND created_at < ?");
        scanCreatedFrom = read(session, read, "SELECT created_at, op_id, location, size FROM " + ks + ".ops_by_created" + partition
                + " AND created_at >= ?");
        scanStoredFrom = read(session, read, "SELECT stored_at, op_id, location, size FROM " + ks + ".ops_by_stored" + partition
                + " AND stored_at >= ?");
        selectBuckets = read(session, read, "SELECT time_bucket FROM " + ks
                + ".bucket_index WHERE space_uid = ? AND index_kind = ? AND grain = ? AND loc_bucket = ? AND time_bucket >= ? AND time_bucket <= ?");
        upsertSliceHash = write(session, write, "INSERT INTO " + ks + ".slice_hashes (space_uid, arc, slice_key, hash) VALUES (?, ?, ?, ?)");
        selectHighestSlice = read(session, read, "SELECT slice_key FROM " + ks
                + ".slice_hashes WHERE space_uid = ? AND arc = ? ORDER BY slice_key DESC LIMIT 1");
        selectSliceHashes = read(session, read, "SELECT slice_key, hash FROM " + ks + ".slice_hashes WHERE space_uid = ? AND arc = ?");
    }

    private static PreparedStatement read(CqlSession session, ConsistencyLevel level, String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setConsistencyLevel(level).setIdempotent(true));
    }

    private static PreparedStatement write(CqlSession session, ConsistencyLevel level, String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setConsistencyLevel(level).setIdempotent(true));
    }
}
