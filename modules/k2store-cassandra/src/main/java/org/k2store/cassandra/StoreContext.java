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
    final QueryObserver observer;
    final SectorStats sectorStats;
    /** Bucket markers never change once written, so each is written once per process, not per op. */
    final Cache<BucketMarker, Boolean> writtenMarkers = CacheBuilder.newBuilder().maximumSize(200_000).build();

    StoreContext(CqlSession session, Statements statements, CassandraStoreConfig config, Executor executor, QueryObserver observer) {
        this.session = session;
        this.statements = statements;
        this.layout = config.bucketLayout();
        this.config = config;
        this.executor = executor;
        this.fanOut = config.getFanOut();
        this.observer = observer;
        this.sectorStats = new SectorStats(session, config.getKeyspace());
    }

    CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
        return session.executeAsync(statement).toCompletableFuture();
    }

    /** A time bucket of a location bucket of an index holds data. */
    record BucketMarker(java.util.UUID space, IndexKind kind, Grain grain, int locBucket, long timeBucket) {
    }
}
