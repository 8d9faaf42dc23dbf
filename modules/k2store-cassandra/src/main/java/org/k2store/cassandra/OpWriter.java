package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.k2store.api.DecodedOp;
import org.k2store.api.OpId;
import org.k2store.api.StoredAtSequence;

/**
 * process_incoming_ops, in four stages for the whole batch, each a capped fan-out whose writes go
 * as unlogged batches of partitions with the same replicas ({@link ReplicaBatches}):
 * <ol>
 * <li>read the state of every op not stored here lately ({@link OpStateReads}, one request per 50 ids);</li>
 * <li>write each new op's ops_by_id row (its metadata included) with a write timestamp that makes the
 *     earliest stored_at win ({@link FirstWriteTimestamp}) and its claim (stamp and created_at) added to
 *     the row's claims;</li>
 * <li>write the index rows of all of them, the rows of one partition kept together ({@link IndexRowWrites});</li>
 * <li>set 'indexed' (an op is visible by id only then) and, at the same time, read the rows back.</li>
 * </ol>
 * The read-back settles the rare race of two service nodes storing one op at once, with no Paxos
 * round: each writer's claim reaches the row before its read-back, so the later of two read-backs
 * sees both claims; the writer that finds another op's values (or other claims) writes the winner's
 * index rows and removes the losing ones. An op whose indexing was interrupted is found unindexed
 * when it is stored again, and healed the same way.
 */
final class OpWriter {

    private static final ByteBuffer NO_METADATA = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final StoreContext context;
    private final OpStateReads states;
    private final long settleMicros;
    private final ClosedTimestamps closedTimestamps;
    private final Consumer<Set<PartitionKey>> unsealed;

    /**
     * {@code settleMicros}: how far behind the newest stamp pagers and the count may have read (the
     * settle window); {@code closedTimestamps}: where this writer's stamps are held until visible;
     * {@code unsealed}: told the coarse partitions each write cleared the seal of.
     */
    OpWriter(StoreContext context, long settleMicros, ClosedTimestamps closedTimestamps, Consumer<Set<PartitionKey>> unsealed) {
        this.context = context;
        this.states = new OpStateReads(context);
        this.settleMicros = settleMicros;
        this.closedTimestamps = closedTimestamps;
        this.unsealed = unsealed;
    }

    /** Stores {@code ops} (already decoded and checked); completes when every one is visible. */
    CompletableFuture<Void> store(SpaceHandle space, List<DecodedOp> ops, StoredAtSequence storedAt) {
        Map<OpId, DecodedOp> distinct = new LinkedHashMap<>();
        for (DecodedOp op : ops) {
            if (context.recentlyStored.getIfPresent(new StoreContext.StoredOp(space.uid(), op.opId())) == null) {
                distinct.putIfAbsent(op.opId(), op); // the first record of an id in a batch wins
            }
        }
        List<DecodedOp> candidates = new ArrayList<>(distinct.values());
        if (candidates.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return states.read(space, candidates.stream().map(DecodedOp::opId).toList())
                .thenCompose(found -> closedTimestamps.whenMayStamp().thenCompose(ignored -> {
                    List<DecodedOp> fresh = new ArrayList<>();
                    List<StoredValues> unindexed = new ArrayList<>();
                    for (DecodedOp op : candidates) {
                        StoredValues state = found.get(op.opId());
                        if (state == null) {
                            fresh.add(op);
                        } else if (state.indexed()) {
                            remember(space, state.id());
                        } else {
                            unindexed.add(state);
                        }
                    }
                    // Stamped only now, after the reads, so stamps trail visibility by as little as the writes take.
                    OpenStamps.Hold hold = closedTimestamps.reserve(storedAt, fresh.size() + unindexed.size());
                    try {
                        return stamped(space, fresh, unindexed, hold)
                                .whenComplete((done, error) -> closedTimestamps.finished(hold, error == null));
                    } catch (RuntimeException e) {
                        closedTimestamps.finished(hold, false);
                        throw e;
                    }
                }));
    }

    private CompletableFuture<Void> stamped(SpaceHandle space, List<DecodedOp> fresh, List<StoredValues> unindexed, OpenStamps.Hold hold) {
        long stamp = hold.first();
        long stampedNanos = System.nanoTime();
        List<StoredValues> mine = new ArrayList<>(fresh.size());
        for (DecodedOp op : fresh) {
            long opStoredAt = stamp++;
            mine.add(StoredValues.mine(op.opId(), space.settings().locationOf(op.opId()), op.createdAt().micros(), opStoredAt,
                    op.size()));
        }
        List<StoredValues> inPlace = new ArrayList<>();
        List<StoredValues> moved = new ArrayList<>();
        long oldestInPlace = 0;
        for (StoredValues state : unindexed) {
            long newStamp = stamp++;
            long age = newStamp - state.storedAt();
            if (age > settleMicros || !context.visibilityBudget.leavesTimeToHeal(age)) {
                // Interrupted so long ago that a bookmark or the count checkpoint may be past its
                // stamp (or soon will be): indexed there, pagers would skip it for good. It moves to
                // a new stamp.
                moved.add(state.restamped(newStamp));
            } else {
                hold.alsoHolds(state.storedAt());
                inPlace.add(state);
                oldestInPlace = Math.max(oldestInPlace, age);
            }
        }
        VisibilityDeadline deadline = context.visibilityBudget.startingNow(0);
        CompletableFuture<Void> written = writeNew(space, fresh, mine, stampedNanos, deadline);
        CompletableFuture<Void> healed = heal(space, inPlace, context.visibilityBudget.startingNow(oldestInPlace));
        CompletableFuture<Void> restamped = restamp(space, moved, deadline);
        return CompletableFuture.allOf(written, healed, restamped);
    }

    private CompletableFuture<Void> writeNew(SpaceHandle space, List<DecodedOp> fresh, List<StoredValues> mine, long stampedNanos,
            VisibilityDeadline deadline) {
        if (fresh.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        IndexRowWrites rows = new IndexRowWrites(context, space.uid(), unsealed);
        mine.forEach(rows::add);
        ReplicaBatches opRows = new ReplicaBatches(context);
        for (int i = 0; i < fresh.size(); i++) {
            opRows.add(writeOp(space, fresh.get(i), mine.get(i)));
        }
        // Both stages before visibility keep to the deadline: a late op row would only delay the index rows.
        return opRows.send(deadline)
                .thenCompose(ignored -> rows.send(deadline))
                .thenCompose(ignored -> {
                    context.observer.onVisibilityLag((System.nanoTime() - stampedNanos) / 1_000);
                    return markAndReadBack(space, mine);
                })
                .thenCompose(winners -> {
                    IndexRowWrites repairs = new IndexRowWrites(context, space.uid(), unsealed);
                    for (StoredValues own : mine) {
                        StoredValues winner = winners.getOrDefault(own.id(), own);
                        if (winner.sameOpAs(own) && winner.claims().size() == 1) {
                            // This node wrote the op first: it alone adds it to the console's figures.
                            context.sectorStats.record(space.uid(), own.location(), own.createdAt(), own.storedAt(), own.size());
                            remember(space, own.id());
                        } else {
                            reconcile(repairs, winner, own);
                        }
                    }
                    if (repairs.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return repairs.send().thenRun(() -> context.observer.onWriteRaces(repairs.ops()));
                });
    }

    /** Ops found stored but not indexed: an earlier store was interrupted, or a racing writer is mid-way. */
    private CompletableFuture<Void> heal(SpaceHandle space, List<StoredValues> unindexed, VisibilityDeadline deadline) {
        if (unindexed.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        IndexRowWrites repairs = new IndexRowWrites(context, space.uid(), unsealed);
        unindexed.forEach(op -> reconcile(repairs, op, null));
        return repairs.send(deadline).thenCompose(ignored -> {
            long nowMicros = System.currentTimeMillis() * 1_000;
            unindexed.forEach(op -> context.observer.onVisibilityLag(Math.max(0, nowMicros - op.storedAt())));
            return markIndexed(space, unindexed);
        });
    }

    /**
     * Ops whose indexing was interrupted longer ago than the settle window: the new stamp (and its
     * claim) written over the old stamp and only over it, their index rows at the new stamp with
     * every row of the other claims removed, then 'indexed'. Their lag is reported from the first
     * stamp, the time they were stored but invisible. Interrupted again half-way, the next store finds
     * the new claim and cleans up the same way.
     */
    private CompletableFuture<Void> restamp(SpaceHandle space, List<StoredValues> moved, VisibilityDeadline deadline) {
        if (moved.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        ReplicaBatches stamps = new ReplicaBatches(context);
        IndexRowWrites repairs = new IndexRowWrites(context, space.uid(), unsealed);
        for (StoredValues op : moved) {
            // Just above the stamp cell's own write timestamp: wins over it, loses to any earlier writer's.
            long above = Math.max(op.storedAtWritten(), 0) + 1;
            stamps.add(context.statements.restampOp.bind(above, op.storedAt(), Set.of(op.storedAt()), Map.of(op.storedAt(), op.createdAt()),
                    space.uid(), ByteBuffer.wrap(op.id().toBytes())));
            reconcile(repairs, op, null);
        }
        return stamps.send(deadline).thenCombine(repairs.send(deadline), (a, b) -> null).thenCompose(ignored -> {
            long nowMicros = System.currentTimeMillis() * 1_000;
            moved.forEach(op -> context.observer.onVisibilityLag(Math.max(0, nowMicros - firstStamp(op))));
            return markIndexed(space, moved);
        });
    }

    private static long firstStamp(StoredValues op) {
        return op.claims().keySet().stream().mapToLong(Long::longValue).min().orElse(op.storedAt());
    }

    /**
     * The winner's index rows, written again (idempotent), and every row a losing claim left removed:
     * its stored_at row, and its created_at rows when it stored another created_at. {@code own}, when
     * this writer lost, names its created_at as well (a claim from before migration 004 does not).
     */
    private static void reconcile(IndexRowWrites repairs, StoredValues winner, StoredValues own) {
        repairs.add(winner);
        Set<Long> losingCreated = new HashSet<>();
        winner.claims().forEach((claim, createdAt) -> {
            if (claim != winner.storedAt()) {
                repairs.removeStored(winner, claim);
                losingCreated.add(createdAt);
            }
        });
        if (own != null) {
            losingCreated.add(own.createdAt());
        }
        losingCreated.remove(StoredValues.UNKNOWN_CREATED_AT);
        losingCreated.remove(winner.createdAt());
        losingCreated.forEach(createdAt -> repairs.removeCreated(winner, createdAt));
    }

    private BoundStatement writeOp(SpaceHandle space, DecodedOp op, StoredValues values) {
        // No metadata is an empty cell, not an unset one: the first writer's cell must exist to win.
        ByteBuffer metadata = op.metadata() == null ? NO_METADATA.duplicate() : ByteBuffer.wrap(op.metadata());
        return context.statements.writeOp.bind(context.firstWrite.of(values.storedAt()), values.location(),
                values.createdAt(), values.storedAt(), values.size(), ByteBuffer.wrap(op.storedBytes()), metadata,
                Set.of(values.storedAt()), values.claims(), space.uid(), ByteBuffer.wrap(op.opId().toBytes()));
    }

    /** Makes the ops visible by id and reads back the values that won (this writer's unless it raced). */
    private CompletableFuture<Map<OpId, StoredValues>> markAndReadBack(SpaceHandle space, List<StoredValues> mine) {
        CompletableFuture<Void> marked = markIndexed(space, mine);
        CompletableFuture<Map<OpId, StoredValues>> read = states.read(space, mine.stream().map(StoredValues::id).toList());
        return marked.thenCombine(read, (ignored, winners) -> winners);
    }

    private CompletableFuture<Void> markIndexed(SpaceHandle space, List<StoredValues> ops) {
        ReplicaBatches marks = new ReplicaBatches(context);
        ops.forEach(op -> marks.add(context.statements.markOpIndexed.bind(space.uid(), ByteBuffer.wrap(op.id().toBytes()))));
        return marks.send();
    }

    private void remember(SpaceHandle space, OpId id) {
        context.recentlyStored.put(new StoreContext.StoredOp(space.uid(), id), Boolean.TRUE);
    }
}
