package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.k2store.api.DhtArc;
import org.k2store.api.async.FanOut;

/**
 * Turns (arc, time range) into the index partitions to read. The arc picks the grain and its
 * location buckets; a range of at most {@value #DIRECT_TIME_BUCKETS} time buckets is read directly,
 * a longer one asks the bucket index which time buckets hold data, so empty months cost nothing.
 */
final class PartitionPlanner {

    static final int DIRECT_TIME_BUCKETS = 2;

    private final StoreContext context;

    PartitionPlanner(StoreContext context) {
        this.context = context;
    }

    /**
     * The partitions of {@code kind} that may hold rows of {@code arc} with time in
     * {@code [fromMicros, toMicros]}, ordered by time bucket, then location bucket.
     */
    CompletableFuture<List<PartitionKey>> plan(UUID space, IndexKind kind, DhtArc arc, long fromMicros, long toMicros) {
        Grain grain = context.layout.grainFor(kind, arc);
        return plan(space, kind, context.layout.cover(arc, grain), fromMicros, toMicros);
    }

    CompletableFuture<List<PartitionKey>> plan(UUID space, IndexKind kind, List<LocationBucket> buckets, long fromMicros, long toMicros) {
        if (buckets.isEmpty() || fromMicros > toMicros) {
            return CompletableFuture.completedFuture(List.of());
        }
        long firstBucket = context.layout.timeBucket(kind, fromMicros);
        long lastBucket = context.layout.timeBucket(kind, toMicros);
        if (lastBucket - firstBucket >= 0 && lastBucket - firstBucket < DIRECT_TIME_BUCKETS) {
            List<PartitionKey> keys = new ArrayList<>();
            for (long time = firstBucket; time <= lastBucket; time++) {
                for (LocationBucket bucket : buckets) {
                    keys.add(new PartitionKey(kind, bucket, time));
                }
            }
            return CompletableFuture.completedFuture(keys);
        }
        List<Supplier<CompletableFuture<List<PartitionKey>>>> lookups = buckets.stream()
                .<Supplier<CompletableFuture<List<PartitionKey>>>>map(bucket -> () -> timeBuckets(space, kind, bucket, firstBucket, lastBucket))
                .toList();
        return FanOut.all(lookups, context.fanOut, context.executor).thenApply(lists -> {
            List<PartitionKey> keys = new ArrayList<>();
            lists.forEach(keys::addAll);
            keys.sort(Comparator.comparingLong(PartitionKey::timeBucket).thenComparingInt(key -> key.bucket().index()));
            return keys;
        });
    }

    /** The time buckets of one location bucket that hold data, from the bucket index, all pages. */
    private CompletableFuture<List<PartitionKey>> timeBuckets(UUID space, IndexKind kind, LocationBucket bucket, long first, long last) {
        List<PartitionKey> keys = new ArrayList<>();
        return context.execute(context.statements.selectBucketsBetween.bind(space, kind.code, bucket.grain().code, bucket.index(), first, last))
                .thenCompose(page -> collect(page, kind, bucket, keys));
    }

    private CompletableFuture<List<PartitionKey>> collect(AsyncResultSet page, IndexKind kind, LocationBucket bucket, List<PartitionKey> keys) {
        for (Row row : page.currentPage()) {
            keys.add(new PartitionKey(kind, bucket, row.getLong(0)));
        }
        if (page.hasMorePages()) {
            return page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, kind, bucket, keys));
        }
        return CompletableFuture.completedFuture(keys);
    }
}
