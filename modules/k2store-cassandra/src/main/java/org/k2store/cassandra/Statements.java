package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every CQL statement of the store, prepared once per session with its consistency level and
 * idempotence declared. Reads use the read level, writes the write level. The only lightweight
 * transactions left create and drop spaces and lease purges (rare); an op's first writer is
 * decided by write timestamps ({@link FirstWriteTimestamp}).
 */
final class Statements {

    final PreparedStatement insertSpace;
    final PreparedStatement selectSpace;
    final PreparedStatement recordSpaceLayout;
    final PreparedStatement dropSpace;
    final PreparedStatement recreateSpace;
    final PreparedStatement queuePurge;

    final HotStatement selectOpData;
    final HotStatement selectOpIndexed;
    final HotStatement selectOpStates;
    final HotStatement writeOp;
    final HotStatement markOpIndexed;
    final PreparedStatement restampOp;

    final Map<IndexKind, HotStatement> insertIndexRow = new EnumMap<>(IndexKind.class);
    final Map<IndexKind, PreparedStatement> deleteIndexRow = new EnumMap<>(IndexKind.class);
    final Map<IndexKind, PreparedStatement> scanBetween = new EnumMap<>(IndexKind.class);
    final Map<IndexKind, PreparedStatement> scanFrom = new EnumMap<>(IndexKind.class);
    final Map<IndexKind, PreparedStatement> countBetween = new EnumMap<>(IndexKind.class);
    final Map<IndexKind, PreparedStatement> countFrom = new EnumMap<>(IndexKind.class);

    /** The created_at index row of a coarse partition, clearing the partition's seal in the same write. */
    final HotStatement insertUnsealingRow;
    final PreparedStatement sealingScanBetween;
    final PreparedStatement sealPartition;
    final PreparedStatement clearSeal;
    final PreparedStatement clearSealIf;
    final PreparedStatement insertSealChunk;
    final PreparedStatement selectSealChunks;
    final PreparedStatement deleteSealChunksBefore;

    final HotStatement insertBucketMarker;
    final PreparedStatement selectBucketsBetween;

    final PreparedStatement upsertSliceHash;
    final PreparedStatement selectSliceHash;
    final PreparedStatement selectHighestSlice;
    final PreparedStatement selectSliceHashes;
    final PreparedStatement selectSliceHashesFrom;

    final PreparedStatement selectCountCheckpoint;
    final PreparedStatement upsertCountCheckpoint;

    Statements(CqlSession session, CassandraStoreConfig config) {
        String ks = config.getKeyspace();
        Preparers prepare = Preparers.of(session, config);

        // Space creation races are settled by the transaction; reading back is serial so a loser sees the winner.
        insertSpace = prepare.transaction("INSERT INTO " + ks
                        + ".spaces (space, space_uid, codec, location, created_at, layout) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS", false);
        selectSpace = session.prepare(SimpleStatement.newInstance("SELECT space_uid, codec, location, layout, dropped_at, created_at FROM " + ks
                + ".spaces WHERE space = ?").setConsistencyLevel(prepare.serial()).setIdempotent(true));

        // A space created before layouts were recorded gets the layout of the first node that opens it.
        recordSpaceLayout = prepare.transaction("UPDATE " + ks + ".spaces SET layout = ? WHERE space = ? IF layout = null", true);
        // A drop marks the row of the uid it read, so a drop racing a re-creation never drops the new space.
        dropSpace = prepare.transaction("UPDATE " + ks + ".spaces SET dropped_at = ? WHERE space = ?"
                        + " IF space_uid = ? AND dropped_at = null", false);
        recreateSpace = prepare.transaction("UPDATE " + ks + ".spaces SET space_uid = ?, codec = ?, location = ?,"
                        + " created_at = ?, layout = ?, dropped_at = null WHERE space = ? IF space_uid = ?", false);
        // Only if absent: dropping a dropped space again re-queues a lost purge, never restarts a running one.
        queuePurge = prepare.transaction("INSERT INTO " + ks + ".space_purges (space_uid, space, layout, dropped_at, space_created_at,"
                + " stage, position, scan_token, requests, lease_until) VALUES (?, ?, ?, ?, ?, 0, 0, " + Long.MIN_VALUE + ", 0, 0) IF NOT EXISTS", true);

        selectOpStates = prepare.hot(prepare.reading("SELECT op_id, stored_at, created_at, location, size, indexed, claims, claim_created,"
                + " WRITETIME(stored_at) AS stored_at_written FROM " + ks
                + ".ops_by_id WHERE space_uid = ? AND op_id IN ?"));
        selectOpData = prepare.hot(prepare.reading("SELECT op_id, data, indexed, metadata FROM " + ks + ".ops_by_id WHERE space_uid = ? AND op_id IN ?"));
        selectOpIndexed = prepare.hot(prepare.reading("SELECT op_id, indexed FROM " + ks + ".ops_by_id WHERE space_uid = ? AND op_id IN ?"));
        // The first writer of an op wins for good: the write timestamp falls as stored_at rises, so the
        // earliest stored_at's cells win on every replica; the claim records every writer's stamp so a
        // racing loser is found and its index rows removed (claim_created names its created_at rows).
        // The metadata cell is always written (empty for none), so it is the first writer's too.
        // Idempotent: a retry writes the same cells.
        writeOp = prepare.hot(prepare.writing("UPDATE " + ks + ".ops_by_id USING TIMESTAMP ? SET location = ?, created_at = ?, stored_at = ?, size = ?,"
                + " data = ?, metadata = ?, claims = claims + ?, claim_created = claim_created + ? WHERE space_uid = ? AND op_id = ?"));
        markOpIndexed = prepare.hot(prepare.writing("UPDATE " + ks + ".ops_by_id SET indexed = true WHERE space_uid = ? AND op_id = ?"));
        // Moves a long-unindexed op to a new stamp, written just above the stamp cell's own write
        // timestamp: it wins over that cell and still loses to any writer with an earlier stored_at.
        restampOp = prepare.writing("UPDATE " + ks + ".ops_by_id USING TIMESTAMP ? SET stored_at = ?, claims = claims + ?,"
                + " claim_created = claim_created + ? WHERE space_uid = ? AND op_id = ?");

        for (IndexKind kind : IndexKind.values()) {
            String table = ks + "." + kind.table;
            String time = kind.timeColumn;
            String partition = " WHERE space_uid = ? AND grain = ? AND loc_bucket = ? AND time_bucket = ?";
            insertIndexRow.put(kind, prepare.hot(prepare.writing("INSERT INTO " + table + " (space_uid, grain, loc_bucket, time_bucket, " + time
                    + ", op_id, location, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")));
            deleteIndexRow.put(kind, prepare.writing("DELETE FROM " + table + partition + " AND " + time + " = ? AND op_id = ?"));
            scanBetween.put(kind, prepare.reading("SELECT " + time + ", op_id, location, size FROM " + table + partition
                    + " AND " + time + " >= ? AND " + time + " < ?"));
            scanFrom.put(kind, prepare.reading("SELECT " + time + ", op_id, location, size FROM " + table + partition
                    + " AND " + time + " >= ?"));
            countBetween.put(kind, prepare.reading("SELECT COUNT(*) FROM " + table + partition + " AND " + time + " >= ? AND " + time + " < ?"));
            countFrom.put(kind, prepare.reading("SELECT COUNT(*) FROM " + table + partition + " AND " + time + " >= ?"));
        }

        String created = ks + "." + IndexKind.CREATED.table;
        String createdPartition = " WHERE space_uid = ? AND grain = ? AND loc_bucket = ? AND time_bucket = ?";
        insertUnsealingRow = prepare.hot(prepare.writing("INSERT INTO " + created
                + " (space_uid, grain, loc_bucket, time_bucket, created_at, op_id, location, size, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, null)"));
        sealingScanBetween = prepare.reading("SELECT created_at, op_id, location, size, sealed FROM " + created + createdPartition
                + " AND created_at >= ? AND created_at < ?");
        sealPartition = prepare.writing("UPDATE " + created + " USING TIMESTAMP ? SET sealed = ?" + createdPartition);
        clearSeal = prepare.writing("UPDATE " + created + " SET sealed = null" + createdPartition);
        // Only the seal found broken: a newer seal written meanwhile stays (rare path, so a transaction is fine).
        clearSealIf = prepare.transaction("UPDATE " + created + " SET sealed = null" + createdPartition + " IF sealed = ?", true);
        String chunks = ks + ".sealed_chunks";
        insertSealChunk = prepare.writing("INSERT INTO " + chunks + " (space_uid, grain, loc_bucket, time_bucket, seal, chunk, rows)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
        selectSealChunks = prepare.reading("SELECT chunk, rows FROM " + chunks + createdPartition + " AND seal = ?");
        deleteSealChunksBefore = prepare.writing("DELETE FROM " + chunks + createdPartition + " AND seal < ?");

        insertBucketMarker = prepare.hot(prepare.writing("INSERT INTO " + ks
                + ".bucket_index (space_uid, index_kind, grain, loc_bucket, time_bucket) VALUES (?, ?, ?, ?, ?)"));
        selectBucketsBetween = prepare.reading("SELECT time_bucket FROM " + ks
                + ".bucket_index WHERE space_uid = ? AND index_kind = ? AND grain = ? AND loc_bucket = ? AND time_bucket >= ? AND time_bucket <= ?");

        upsertSliceHash = prepare.writing("INSERT INTO " + ks + ".slice_hashes (space_uid, arc, slice_key, hash) VALUES (?, ?, ?, ?)");
        selectSliceHash = prepare.reading("SELECT hash FROM " + ks + ".slice_hashes WHERE space_uid = ? AND arc = ? AND slice_key = ?");
        selectHighestSlice = prepare.reading("SELECT slice_key FROM " + ks
                + ".slice_hashes WHERE space_uid = ? AND arc = ? ORDER BY slice_key DESC LIMIT 1");
        selectSliceHashes = prepare.reading("SELECT slice_key, hash FROM " + ks + ".slice_hashes WHERE space_uid = ? AND arc = ?");
        selectSliceHashesFrom = prepare.reading("SELECT slice_key, hash FROM " + ks
                + ".slice_hashes WHERE space_uid = ? AND arc = ? AND slice_key >= ? LIMIT ?");

        selectCountCheckpoint = prepare.reading("SELECT stored_before, count FROM " + ks + ".op_count_checkpoints WHERE space_uid = ?");
        upsertCountCheckpoint = prepare.writing("INSERT INTO " + ks + ".op_count_checkpoints (space_uid, stored_before, count) VALUES (?, ?, ?)");
    }
}
