package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.EnumMap;
import java.util.Map;

/** The statements of purging dropped spaces ({@link SpacePurges}), prepared once per session. */
final class PurgeStatements {

    /**
     * Above every write timestamp an ops_by_id cell can carry ({@link FirstWriteTimestamp} keeps them
     * below 2^62 plus its tag), so the tombstone shadows the first writer's cells too.
     */
    static final long OP_TOMBSTONE_TIMESTAMP = (1L << 62) + (1L << 20);

    final PreparedStatement pending;
    final PreparedStatement claim;
    final PreparedStatement saveProgress;
    final PreparedStatement finish;

    final PreparedStatement markedTimeBuckets;
    final PreparedStatement opsInPartition;
    final PreparedStatement deleteOp;
    final PreparedStatement deleteCreatedBefore;
    /** A coarse created_at partition's seal chunks (migration 009): same partition key. */
    final PreparedStatement deleteSealChunks;
    final PreparedStatement deleteCreatedRow;
    final Map<IndexKind, PreparedStatement> deletePartition = new EnumMap<>(IndexKind.class);
    final PreparedStatement deleteMarkers;
    final PreparedStatement sliceHashPartitions;
    final PreparedStatement deleteSliceHashes;
    final PreparedStatement deleteCheckpoint;
    final PreparedStatement deleteSectorStats;
    final PreparedStatement deleteRecentDay;

    PurgeStatements(CqlSession session, CassandraStoreConfig config) {
        String ks = config.getKeyspace();
        Preparers prepare = Preparers.of(session, config);

        pending = prepare.reading("SELECT space_uid, space, layout, dropped_at, space_created_at, stage, position, scan_token, requests, lease_until FROM "
                + ks + ".space_purges LIMIT 100");
        // One node works on a purge at a time, a step at a time; a node that stops mid-step lets its
        // lease run out and another resumes from the last saved progress.
        claim = prepare.transaction("UPDATE " + ks + ".space_purges SET lease_until = ? WHERE space_uid = ? IF lease_until < ?", true);
        // Saving the progress gives the lease back: the next step, on whichever node, claims it anew.
        saveProgress = prepare.transaction("UPDATE " + ks + ".space_purges SET stage = ?, position = ?, scan_token = ?, requests = ?,"
                + " lease_until = 0 WHERE space_uid = ? IF lease_until = ?", true);
        finish = prepare.transaction("DELETE FROM " + ks + ".space_purges WHERE space_uid = ? IF lease_until = ?", true);

        markedTimeBuckets = prepare.reading("SELECT time_bucket FROM " + ks + ".bucket_index WHERE space_uid = ? AND index_kind = ?"
                + " AND grain = ? AND loc_bucket = ? AND time_bucket > ?");
        String partition = " WHERE space_uid = ? AND grain = ? AND loc_bucket = ? AND time_bucket = ?";
        String created = ks + "." + IndexKind.CREATED.table;
        opsInPartition = prepare.reading("SELECT created_at, op_id FROM " + created + partition);
        deleteSealChunks = prepare.writing("DELETE FROM " + ks + ".sealed_chunks" + partition);
        deleteCreatedBefore = prepare.writing("DELETE FROM " + created + partition + " AND created_at < ?");
        deleteCreatedRow = prepare.writing("DELETE FROM " + created + partition + " AND created_at = ? AND op_id = ?");
        deleteOp = prepare.writing("DELETE FROM " + ks + ".ops_by_id USING TIMESTAMP " + OP_TOMBSTONE_TIMESTAMP
                + " WHERE space_uid = ? AND op_id = ?");
        for (IndexKind kind : IndexKind.values()) {
            deletePartition.put(kind, prepare.writing("DELETE FROM " + ks + "." + kind.table + partition));
        }
        deleteMarkers = prepare.writing("DELETE FROM " + ks + ".bucket_index WHERE space_uid = ? AND index_kind = ? AND grain = ?"
                + " AND loc_bucket = ?");
        sliceHashPartitions = prepare.reading("SELECT space_uid, arc, token(space_uid, arc) AS t FROM " + ks
                + ".slice_hashes WHERE token(space_uid, arc) > ? PER PARTITION LIMIT 1");
        deleteSliceHashes = prepare.writing("DELETE FROM " + ks + ".slice_hashes WHERE space_uid = ? AND arc = ?");
        deleteCheckpoint = prepare.writing("DELETE FROM " + ks + ".op_count_checkpoints WHERE space_uid = ?");
        deleteSectorStats = prepare.writing("DELETE FROM " + ks + ".sector_stats WHERE space_uid = ? AND scale = ?");
        deleteRecentDay = prepare.writing("DELETE FROM " + ks + ".recent_sector_stats WHERE space_uid = ? AND day = ?");
    }
}
