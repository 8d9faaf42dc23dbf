package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.k2store.api.DecodedOp;
import org.k2store.api.OpId;
import org.k2store.api.StoredAtSequence;
import org.k2store.api.async.FanOut;

/**
 * process_incoming_ops. Ops already stored (and indexed) are skipped after one point read each. A new
 * op is claimed with a lightweight transaction, which makes its first writer win for good even when
 * several service nodes store it at once; only the winner's values are ever indexed. Then come the
 * bucket markers, the index rows, and last the 'indexed' flag that makes the op visible by id: an op
 * whose indexing was interrupted is found unindexed when it is stored again, and repaired.
 */
final class OpWriter {

    private final StoreContext context;

    OpWriter(StoreContext context) {
        this.context = context;
    }

    /** Stores {@code ops} (already decoded and checked); completes when every one is visible. */
    CompletableFuture<Void> store(SpaceHandle space, List<DecodedOp> ops, StoredAtSequence storedAt) {
        Map<OpId, DecodedOp> distinct = new LinkedHashMap<>();
        for (DecodedOp op : ops) {
            distinct.putIfAbsent(op.opId(), op); // the first record of an id in a batch wins
        }
        List<DecodedOp> candidates = new ArrayList<>(distinct.values());
        List<Supplier<CompletableFuture<StoredValues>>> reads = candidates.stream()
                .<Supplier<CompletableFuture<StoredValues>>>map(op -> () -> readState(space, op.opId()))
                .toList();
        return FanOut.all(reads, context.fanOut, context.executor).thenCompose(states -> {
            List<DecodedOp> fresh = new ArrayList<>();
            List<StoredValues> repairs = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                StoredValues state = states.get(i);
                if (state == null) {
                    fresh.add(candidates.get(i));
                } else if (!state.indexed()) {
                    repairs.add(state);
                }
            }
            long stamp = storedAt.reserve(fresh.size());
            List<Supplier<CompletableFuture<Void>>> work = new ArrayList<>();
            for (DecodedOp op : fresh) {
                long opStoredAt = stamp++;
                work.add(() -> claim(space, op, opStoredAt).thenCompose(winner -> {
                    if (winner.storedAt() == opStoredAt && winner.createdAt() == op.createdAt().micros()) {
                        // This node wrote the op first: it alone adds it to the console's figures.
                        context.sectorStats.record(space.uid(), winner.location(), winner.createdAt(), opStoredAt, winner.size());
                    }
                    return winner.indexed() ? CompletableFuture.completedFuture(null) : index(space, winner);
                }));
            }
            for (StoredValues repair : repairs) {
                work.add(() -> index(space, repair));
            }
            return FanOut.all(work, context.fanOut, context.executor).thenApply(done -> null);
        });
    }

    private CompletableFuture<StoredValues> readState(SpaceHandle space, OpId id) {
        return context.execute(context.statements.selectOpState.bind(space.uid(), ByteBuffer.wrap(id.toBytes())))
                .thenApply(result -> {
                    Row row = result.one();
                    return row == null ? null : StoredValues.of(id, row);
                });
    }

    /** Inserts the op if no one has; answers with the values that won. */
    private CompletableFuture<StoredValues> claim(SpaceHandle space, DecodedOp op, long storedAt) {
        int location = space.settings().locationOf(op.opId());
        BoundStatement insert = context.statements.insertOpIfAbsent.bind(space.uid(), ByteBuffer.wrap(op.opId().toBytes()), location,
                op.createdAt().micros(), storedAt, op.size(), ByteBuffer.wrap(op.storedBytes()));
        return context.execute(insert).thenApply(result -> result.wasApplied()
                ? new StoredValues(op.opId(), location, op.createdAt().micros(), storedAt, op.size(), false)
                : StoredValues.of(op.opId(), result.one()));
    }

    private CompletableFuture<Void> index(SpaceHandle space, StoredValues op) {
        return markBuckets(space, op)
                .thenCompose(ignored -> writeIndexRows(space, op))
                .thenCompose(ignored -> context.execute(context.statements.markOpIndexed.bind(space.uid(), ByteBuffer.wrap(op.id().toBytes()))))
                .thenApply(ignored -> null);
    }

    private CompletableFuture<Void> markBuckets(SpaceHandle space, StoredValues op) {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (IndexKind kind : IndexKind.values()) {
            long timeBucket = context.layout.timeBucket(kind, op.time(kind));
            for (Grain grain : Grain.values()) {
                StoreContext.BucketMarker marker =
                        new StoreContext.BucketMarker(space.uid(), kind, grain, context.layout.bucketOf(grain, op.location()), timeBucket);
                if (context.writtenMarkers.getIfPresent(marker) == null) {
                    writes.add(context.execute(context.statements.insertBucketMarker.bind(space.uid(), kind.code, grain.code,
                            marker.locBucket(), timeBucket)).thenRun(() -> context.writtenMarkers.put(marker, Boolean.TRUE)));
                }
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> writeIndexRows(SpaceHandle space, StoredValues op) {
        List<CompletableFuture<?>> writes = new ArrayList<>(4);
        for (IndexKind kind : IndexKind.values()) {
            long time = op.time(kind);
            for (Grain grain : Grain.values()) {
                // A coarse created_at partition may be sealed (SealedSlices): a new row must clear it.
                var insert = kind == IndexKind.CREATED && grain == Grain.COARSE
                        ? context.statements.insertUnsealingRow : context.statements.insertIndexRow.get(kind);
                writes.add(context.execute(insert.bind(space.uid(), grain.code,
                        context.layout.bucketOf(grain, op.location()), context.layout.timeBucket(kind, time), time,
                        ByteBuffer.wrap(op.id().toBytes()), op.location(), op.size())));
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** An op's values as ops_by_id holds them. */
    record StoredValues(OpId id, int location, long createdAt, long storedAt, int size, boolean indexed) {

        static StoredValues of(OpId id, Row row) {
            return new StoredValues(id, row.getInt("location"), row.getLong("created_at"), row.getLong("stored_at"),
                    row.getInt("size"), !row.isNull("indexed") && row.getBoolean("indexed"));
        }

        long time(IndexKind kind) {
            return kind == IndexKind.CREATED ? createdAt : storedAt;
        }
    }
}
