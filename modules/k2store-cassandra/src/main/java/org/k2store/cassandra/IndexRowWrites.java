package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Collects the index rows (and the rare row deletions) of many ops and sends them grouped by
 * partition: the statements of one partition stay together, so Cassandra applies them as a single
 * mutation, and partitions with the same replicas share a request ({@link ReplicaBatches}). Bucket
 * markers not yet known to this process are written alongside: an op is made visible by id only
 * after all of these returned. The coarse created_at partitions whose seal the writes cleared are
 * told to {@code unsealed} once written, for the background sealer ({@link SealBacklog}).
 */
final class IndexRowWrites {

    private final StoreContext context;
    private final UUID space;
    private final Map<PartitionKey, List<BoundStatement>> byPartition = new LinkedHashMap<>();
    private final Map<StoreContext.BucketMarker, Boolean> markers = new LinkedHashMap<>();
    private final Set<PartitionKey> unsealing = new LinkedHashSet<>();
    private final Consumer<Set<PartitionKey>> unsealed;
    private int ops;

    IndexRowWrites(StoreContext context, UUID space, Consumer<Set<PartitionKey>> unsealed) {
        this.context = context;
        this.space = space;
        this.unsealed = unsealed;
    }

    /** The rows that make {@code op} visible to time slices, bounded pages and the count. */
    void add(StoredValues op) {
        ops++;
        for (IndexKind kind : IndexKind.values()) {
            long time = op.time(kind);
            for (Grain grain : context.layout.grains(kind)) {
                PartitionKey key = key(kind, grain, op.location(), time);
                // A coarse created_at partition may be sealed (SealedSlices): a new row must clear it.
                boolean unseals = kind == IndexKind.CREATED && grain == Grain.COARSE;
                var insert = unseals ? context.statements.insertUnsealingRow : context.statements.insertIndexRow.get(kind);
                if (unseals) {
                    unsealing.add(key);
                }
                statementsOf(key).add(insert.bind(space, grain.code, key.bucket().index(), key.timeBucket(), time,
                        ByteBuffer.wrap(op.id().toBytes()), op.location(), op.size()));
                StoreContext.BucketMarker marker = new StoreContext.BucketMarker(space, kind, grain, key.bucket().index(), key.timeBucket());
                if (context.writtenMarkers.getIfPresent(marker) == null) {
                    markers.put(marker, Boolean.TRUE);
                }
            }
        }
    }

    /** Removes the stored_at row a losing writer left at {@code storedAt}. */
    void removeStored(StoredValues op, long storedAt) {
        for (Grain grain : context.layout.grains(IndexKind.STORED)) {
            PartitionKey key = key(IndexKind.STORED, grain, op.location(), storedAt);
            statementsOf(key).add(context.statements.deleteIndexRow.get(IndexKind.STORED).bind(space, grain.code, key.bucket().index(),
                    key.timeBucket(), storedAt, ByteBuffer.wrap(op.id().toBytes())));
        }
    }

    /** Removes the created_at rows a losing writer left at {@code createdAt}, clearing a seal that may hold them. */
    void removeCreated(StoredValues op, long createdAt) {
        for (Grain grain : context.layout.grains(IndexKind.CREATED)) {
            PartitionKey key = key(IndexKind.CREATED, grain, op.location(), createdAt);
            List<BoundStatement> statements = statementsOf(key);
            statements.add(context.statements.deleteIndexRow.get(IndexKind.CREATED).bind(space, grain.code, key.bucket().index(),
                    key.timeBucket(), createdAt, ByteBuffer.wrap(op.id().toBytes())));
            if (grain == Grain.COARSE) {
                unsealing.add(key);
                statements.add(context.statements.clearSeal.bind(space, grain.code, key.bucket().index(), key.timeBucket()));
            }
        }
    }

    /** How many ops' rows were added. */
    int ops() {
        return ops;
    }

    boolean isEmpty() {
        return byPartition.isEmpty() && markers.isEmpty();
    }

    /** Sends everything collected, grouped by replicas ({@link ReplicaBatches}); completes when all are written. */
    CompletableFuture<Void> send() {
        return send(VisibilityDeadline.NONE);
    }

    /** Like {@link #send()}, every request sent before {@code deadline} and timing out by it. */
    CompletableFuture<Void> send(VisibilityDeadline deadline) {
        ReplicaBatches batches = new ReplicaBatches(context);
        for (StoreContext.BucketMarker marker : markers.keySet()) {
            batches.add(context.statements.insertBucketMarker.bind(space, marker.kind().code, marker.grain().code,
                    marker.locBucket(), marker.timeBucket()));
        }
        byPartition.values().forEach(batches::add);
        return batches.send(deadline).thenRun(() -> {
            markers.keySet().forEach(marker -> context.writtenMarkers.put(marker, Boolean.TRUE));
            if (!unsealing.isEmpty()) {
                unsealed.accept(unsealing);
            }
        });
    }

    private PartitionKey key(IndexKind kind, Grain grain, int location, long time) {
        return new PartitionKey(kind, new LocationBucket(grain, context.layout.bucketOf(grain, location), true),
                context.layout.timeBucket(kind, time));
    }

    private List<BoundStatement> statementsOf(PartitionKey key) {
        return byPartition.computeIfAbsent(key, k -> new ArrayList<>());
    }
}
