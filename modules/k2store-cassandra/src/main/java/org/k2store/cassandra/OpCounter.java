package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.k2store.api.DhtArc;
import org.k2store.api.MicrosClock;
import org.k2store.api.async.FanOut;

/**
 * query_total_op_count, exact without a full scan. A checkpoint says how many ops have
 * {@code stored_at} before a time that trails now by the settle window, where the stored index can
 * no longer change; the count is the checkpoint plus the index rows since. Every op has exactly one
 * stored-index row (only the first writer's values are indexed), so rows are ops. Checkpoints move
 * forward after writes and counts, so the tail to read stays minutes long. Two nodes moving the
 * checkpoint at once each write a true (time, count) pair, so either may win.
 */
final class OpCounter {

    private final StoreContext context;
    private final PartitionPlanner planner;
    private final MicrosClock clock;
    private final long settleMicros;
    private final long intervalMicros;
    private final AtomicBoolean advancing = new AtomicBoolean();
    private volatile long lastAdvance = Long.MIN_VALUE;

    OpCounter(StoreContext context, MicrosClock clock, long settleMicros) {
        this.context = context;
        this.planner = new PartitionPlanner(context);
        this.clock = clock;
        this.settleMicros = settleMicros;
        this.intervalMicros = CassandraStoreConfig.micros(context.config.getCountCheckpointInterval());
    }

    CompletableFuture<Long> count(UUID space) {
        return advance(space).thenCompose(checkpoint ->
                countRows(space, checkpoint.storedBefore(), Long.MAX_VALUE).thenApply(tail -> checkpoint.count() + tail));
    }

    /** After writes: moves the checkpoint in the background if it is older than the interval. */
    void afterWrite(UUID space) {
        long now = clock.nowMicros();
        if (now - lastAdvance >= intervalMicros && advancing.compareAndSet(false, true)) {
            lastAdvance = now;
            advance(space).whenComplete((checkpoint, error) -> advancing.set(false));
        }
    }

    private CompletableFuture<Checkpoint> advance(UUID space) {
        long settled = clock.nowMicros() - settleMicros;
        return context.execute(context.statements.selectCountCheckpoint.bind(space)).thenCompose(result -> {
            Row row = result.one();
            Checkpoint old = row == null ? new Checkpoint(Long.MIN_VALUE, 0) : new Checkpoint(row.getLong(0), row.getLong(1));
            if (old.storedBefore() >= settled) {
                return CompletableFuture.completedFuture(old);
            }
            return countRows(space, old.storedBefore(), settled).thenCompose(added -> {
                Checkpoint next = new Checkpoint(settled, old.count() + added);
                return context.execute(context.statements.upsertCountCheckpoint.bind(space, next.storedBefore(), next.count()))
                        .thenApply(ignored -> next);
            });
        });
    }

    /** Stored-index rows with stored_at in [from, to), over the whole ring at the coarse grain. */
    private CompletableFuture<Long> countRows(UUID space, long from, long to) {
        List<LocationBucket> ring = context.layout.cover(DhtArc.FULL, Grain.COARSE);
        return planner.plan(space, IndexKind.STORED, ring, from, to == Long.MAX_VALUE ? Long.MAX_VALUE : to - 1).thenCompose(keys -> {
            List<Supplier<CompletableFuture<Long>>> counts = keys.stream().<Supplier<CompletableFuture<Long>>>map(key -> () -> {
                BoundStatement statement = to == Long.MAX_VALUE
                        ? context.statements.countFrom.get(IndexKind.STORED).bind(space, key.bucket().grain().code, key.bucket().index(),
                                key.timeBucket(), from)
                        : context.statements.countBetween.get(IndexKind.STORED).bind(space, key.bucket().grain().code,
                                key.bucket().index(), key.timeBucket(), from, to);
                return context.execute(statement).thenApply(result -> result.one().getLong(0));
            }).toList();
            return FanOut.all(counts, context.fanOut, context.executor)
                    .thenApply(values -> values.stream().mapToLong(Long::longValue).sum());
        });
    }

    private record Checkpoint(long storedBefore, long count) {
    }
}
