package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What every part of the store shares for one session: the session, the prepared statements, the
 * bucket layout, the fan-out cap, the executor that merges off the driver's I/O threads, and the
 * process-wide memory of bucket markers already written.
 */
final class StoreContext {

    final CqlSession session;
    final Statements statements;
    final BucketLayout layout;
    final CassandraStoreConfig config;
    final Executor executor;
    final int fanOut;
    /** The write path's cap per call; the driver's throttler caps the process as a whole. */
    final int writeFanOut;
    final QueryObserver observer;
    final SectorStats sectorStats;
    /** Bucket markers never change once written, so each is written once per process, not per op. */
    final Cache<BucketMarker, Boolean> writtenMarkers = CacheBuilder.newBuilder().maximumSize(200_000).build();
    /**
     * Coarse created_at partitions a whole scan found too big to seal. Their rows only grow, so each
     * stays too big, and a read of one skips the one-row probe for a seal it cannot have. Bounded
     * (about 100 bytes an entry); a partition evicted costs its next read that probe, nothing more.
     */
    final Cache<SealedSlices.Unsealable, Boolean> unsealable = CacheBuilder.newBuilder().maximumSize(50_000).build();
    /**
     * Ops this process stored and indexed lately: a re-sent op (a retry, a second peer delivering it)
     * is answered without reading ops_by_id. Bounded; a miss only costs that read.
     */
    final Cache<StoredOp, Boolean> recentlyStored;
    final FirstWriteTimestamp firstWrite = FirstWriteTimestamp.random();
    /** How long after its stamp an op's index rows may still be sent (from the configured settle window). */
    final VisibilityBudget visibilityBudget;

    StoreContext(CqlSession session, Statements statements, CassandraStoreConfig config, Executor executor, QueryObserver observer,
            VisibilityBudget visibilityBudget) {
        this(session, statements, config.bucketLayout(), config, executor, observer, new SectorStats(session, config.getKeyspace()),
                CacheBuilder.newBuilder().maximumSize(config.getRecentlyStoredOps()).build(), visibilityBudget);
    }

    private StoreContext(CqlSession session, Statements statements, BucketLayout layout, CassandraStoreConfig config, Executor executor,
            QueryObserver observer, SectorStats sectorStats, Cache<StoredOp, Boolean> recentlyStored, VisibilityBudget visibilityBudget) {
        this.session = session;
        this.statements = statements;
        this.layout = layout;
        this.config = config;
        this.executor = executor;
        this.fanOut = config.getFanOut();
        this.writeFanOut = config.getWriteFanOut();
        this.observer = observer;
        this.sectorStats = sectorStats;
        this.recentlyStored = recentlyStored;
        this.visibilityBudget = visibilityBudget;
    }

    /**
     * The same context for a space recorded with another bucket layout: everything shared but the
     * layout (the marker memory is per context, which only costs a re-written marker).
     */
    StoreContext withLayout(BucketLayout recorded) {
        return new StoreContext(session, statements, recorded, config, executor, observer, sectorStats, recentlyStored, visibilityBudget);
    }

    CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
        return session.executeAsync(statement).toCompletableFuture();
    }

    /** An op of a space. */
    record StoredOp(java.util.UUID space, org.k2store.api.OpId id) {
    }

    /** A time bucket of a location bucket of an index holds data. */
    record BucketMarker(java.util.UUID space, IndexKind kind, Grain grain, int locBucket, long timeBucket) {
    }
}
