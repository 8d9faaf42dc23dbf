package org.k2store.bench.target;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.k2store.api.DecodedOp;
import org.k2store.api.OpId;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoredAtSequence;
import org.k2store.api.async.FanOut;
import org.k2store.cassandra.CassandraStoreConfig;

/**
 * The ingest limit of k2store's write design (design-ingest.md, "Rows one NEW op writes"): for every op
 * exactly the five row writes k2store makes, as individual plain async statements fired together, with
 * no read before or after, no ordering between them, no batches and no bucket markers:
 * <ol>
 *   <li>{@code UPDATE ops_by_id USING TIMESTAMP ? SET location, created_at, stored_at, size, data, metadata, claims = claims + ?,
 *       claim_created = claim_created + ?}
 *       (the inverted first-write timestamp, {@code ((2^52 - stored_at) << 10) | nodeTag});</li>
 *   <li>the fine ops_by_created INSERT (loc >>> 23, 128 h created_at bucket);</li>
 *   <li>the coarse ops_by_created INSERT (loc >>> 28) with {@code sealed = null};</li>
 *   <li>the coarse ops_by_stored INSERT (loc >>> 28, 1 h stored_at bucket);</li>
 *   <li>{@code UPDATE ops_by_id USING TIMESTAMP ? SET indexed = true}.</li>
 * </ol>
 * Same consistency level and idempotence as k2store's writes; at most the store's write fan-out
 * statements in flight per call ({@link FanOut}). Shared by the {@code plain-same-rows} target and the
 * ingest of the {@code raw-driver} baseline.
 */
final class PlainRowWrites {

    static final long CREATED_BUCKET = 128L * 3600 * 1_000_000;
    static final long STORED_BUCKET = 3600L * 1_000_000;
    static final int FINE_SHIFT = 23;
    static final int COARSE_SHIFT = 28;
    static final byte FINE = 0;
    static final byte COARSE = 1;
    private static final long STORED_AT_LIMIT = 1L << 52;
    private static final int TAG_BITS = 10;

    private final CqlSession session;
    private final PreparedStatement writeOp;
    private final PreparedStatement insertCreated;
    private final PreparedStatement insertUnsealingCreated;
    private final PreparedStatement insertStored;
    private final PreparedStatement markIndexed;
    private final int cap;
    /** k2store writes an empty metadata cell for an op sent without metadata (so the first writer's cell exists). */
    private static final ByteBuffer NO_METADATA = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private final int tag = new SecureRandom().nextInt() & ((1 << TAG_BITS) - 1);

    PlainRowWrites(CqlSession session, CassandraStoreConfig config) {
        this.session = session;
        this.cap = config.getWriteFanOut();
        String ks = config.getKeyspace();
        ConsistencyLevel write = DefaultConsistencyLevel.valueOf(config.getWriteConsistency());
        writeOp = prepare(session, write, "UPDATE " + ks + ".ops_by_id USING TIMESTAMP ? SET location = ?, created_at = ?, stored_at = ?,"
                + " size = ?, data = ?, metadata = ?, claims = claims + ?, claim_created = claim_created + ? WHERE space_uid = ? AND op_id = ?");
        String columns = " (space_uid, grain, loc_bucket, time_bucket, ";
        insertCreated = prepare(session, write, "INSERT INTO " + ks + ".ops_by_created" + columns
                + "created_at, op_id, location, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        insertUnsealingCreated = prepare(session, write, "INSERT INTO " + ks + ".ops_by_created" + columns
                + "created_at, op_id, location, size, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, null)");
        insertStored = prepare(session, write, "INSERT INTO " + ks + ".ops_by_stored" + columns
                + "stored_at, op_id, location, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        markIndexed = prepare(session, write, "UPDATE " + ks + ".ops_by_id USING TIMESTAMP ? SET indexed = true WHERE space_uid = ? AND op_id = ?");
    }

    private static PreparedStatement prepare(CqlSession session, ConsistencyLevel level, String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setConsistencyLevel(level).setIdempotent(true));
    }

    /** The writes per call in flight at most. */
    int cap() {
        return cap;
    }

    /** process_incoming_ops as five plain writes per op: decodes, stamps stored_at, fires every row write (at most {@link #cap()} at once). */
    CompletableFuture<List<OpId>> process(UUID space, SpaceSettings settings, StoredAtSequence storedAt, List<byte[]> ops) {
        List<DecodedOp> decoded = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            decoded.add(settings.decode(ops.get(i), "ops[" + i + "]"));
        }
        long stamp = storedAt.reserve(decoded.size());
        List<Supplier<CompletableFuture<Void>>> writes = new ArrayList<>(decoded.size() * 5);
        for (DecodedOp op : decoded) {
            long opStoredAt = stamp++;
            for (BoundStatement statement : rows(space, settings.locationOf(op.opId()), op, opStoredAt)) {
                writes.add(() -> session.executeAsync(statement).toCompletableFuture().thenApply(ignored -> null));
            }
        }
        return FanOut.all(writes, cap, ForkJoinPool.commonPool()).thenApply(done -> decoded.stream().map(DecodedOp::opId).toList());
    }

    /** The five row writes of one new op. */
    List<BoundStatement> rows(UUID space, int location, DecodedOp op, long storedAt) {
        long createdAt = op.createdAt().micros();
        long timestamp = firstWriteTimestamp(storedAt);
        ByteBuffer id = ByteBuffer.wrap(op.opId().toBytes());
        int fine = location >>> FINE_SHIFT;
        int coarse = location >>> COARSE_SHIFT;
        long createdBucket = Math.floorDiv(createdAt, CREATED_BUCKET);
        return List.of(
                writeOp.bind(timestamp, location, createdAt, storedAt, op.size(), ByteBuffer.wrap(op.storedBytes()), NO_METADATA.duplicate(), Set.of(storedAt), Map.of(storedAt, createdAt), space, id),
                insertCreated.bind(space, FINE, fine, createdBucket, createdAt, id, location, op.size()),
                insertUnsealingCreated.bind(space, COARSE, coarse, createdBucket, createdAt, id, location, op.size()),
                insertStored.bind(space, COARSE, coarse, Math.floorDiv(storedAt, STORED_BUCKET), storedAt, id, location, op.size()),
                markIndexed.bind(timestamp, space, id));
    }

    /** k2store's FirstWriteTimestamp (package-private there): the earliest stored_at gets the highest write timestamp. */
    long firstWriteTimestamp(long storedAt) {
        long clamped = Math.max(0, Math.min(STORED_AT_LIMIT - 1, storedAt));
        return ((STORED_AT_LIMIT - clamped) << TAG_BITS) | tag;
    }
}
