package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.k2store.api.DhtArc;
import org.k2store.api.SettleWindow;
import org.k2store.api.TimeSliceCursor;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.TimeSlicePage;
import org.k2store.api.TimeSliceReader;
import org.k2store.api.async.FanOut;

/**
 * The read side of the two time-ordered indexes: time slices, bounded pages, earliest timestamps.
 * Every query is a plan of partitions, read as streams and merged in time order; time buckets are
 * merged one after another because their rows never interleave.
 */
final class IndexQueries {

    /** A whole partition answers "earliest" with its first row; one row per page is enough. */
    private static final int FIRST_ROW_PAGE = 1;
    /** Bounded pages usually stop early: small first pages keep a small budget from reading much. */
    private static final int BOUNDED_FIRST_PAGE = 200;

    private final StoreContext context;
    private final PartitionPlanner planner;
    private final SealedSlices sealed;

    IndexQueries(StoreContext context, SettleWindow settleWindow) {
        this.context = context;
        this.planner = new PartitionPlanner(context);
        this.sealed = new SealedSlices(context, settleWindow, () -> System.currentTimeMillis() * 1_000);
    }

    /** The sealing rules of this store's reads, which the background sealer follows too. */
    SealedSlices sealedSlices() {
        return sealed;
    }

    CompletableFuture<TimeSliceHashes> timeSlice(UUID space, DhtArc arc, long start, long end) {
        return openTimeSlice(space, arc, start, end, null).nextPage(Integer.MAX_VALUE)
                .thenApply(page -> new TimeSliceHashes(page.opIds(), page.totalBytes()));
    }

    /** At most {@code maxIds} ids of the slice after {@code after}; reads from the cursor's time on. */
    CompletableFuture<TimeSlicePage> timeSlicePage(UUID space, DhtArc arc, long start, long end, TimeSliceCursor after, int maxIds) {
        return openTimeSlice(space, arc, start, end, after).nextPage(maxIds);
    }

    /** The slice after {@code after} (null: all of it) as one pass, handed out in pages. */
    TimeSliceReader openTimeSlice(UUID space, DhtArc arc, long start, long end, TimeSliceCursor after) {
        long from = after == null ? start : Math.max(start, after.createdAt().micros());
        QueryCost cost = new QueryCost();
        Supplier<CompletableFuture<List<PartitionKey>>> plan = arc.isEmpty() || from >= end
                ? () -> CompletableFuture.completedFuture(List.of())
                : () -> planner.plan(space, IndexKind.CREATED, arc, from, end - 1);
        return new SliceScan(plan, key -> sealed.stream(space, key, from, end, filterFor(arc, key.bucket()), context.config.getPageSize()),
                after, context, cost::add, () -> cost.report(context.observer, "retrieve_op_hashes_in_time_slice"));
    }

    /**
     * Rows of {@code arc} stored at or after {@code start}, in order, offered to {@code sink} until it
     * declines one. Reads up to the end of the stored bucket holding {@code until}: anything stored
     * later is after any bookmark this page can return, so it is left for the next page.
     */
    CompletableFuture<Boolean> storedFrom(UUID space, DhtArc arc, long start, long until, Predicate<IndexRow> sink) {
        if (arc.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        QueryCost cost = new QueryCost();
        return planner.plan(space, IndexKind.STORED, arc, start, Math.max(start, until))
                .thenCompose(keys -> scanInOrder(groupByTime(keys), 0,
                        key -> new PartitionStream(context.session,
                                bindFrom(space, key, start, Math.min(BOUNDED_FIRST_PAGE, context.config.getPageSize())), filterFor(arc, key.bucket())),
                        sink, cost))
                .whenComplete((stopped, error) -> cost.report(context.observer, "retrieve_op_ids_bounded"));
    }

    CompletableFuture<Optional<Long>> earliest(UUID space, DhtArc arc) {
        if (arc.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Grain grain = context.layout.grainFor(arc);
        QueryCost cost = new QueryCost();
        List<Supplier<CompletableFuture<Optional<Long>>>> perBucket = context.layout.cover(arc, grain).stream()
                .<Supplier<CompletableFuture<Optional<Long>>>>map(bucket -> () -> earliestIn(space, arc, bucket, cost))
                .toList();
        return FanOut.all(perBucket, context.fanOut, context.executor)
                .thenApply(found -> found.stream().flatMap(Optional::stream).min(Long::compare))
                .whenComplete((found, error) -> cost.report(context.observer, "earliest_timestamp_in_arc"));
    }

    /** The least created_at of the arc within one location bucket: its first time bucket with a matching row. */
    private CompletableFuture<Optional<Long>> earliestIn(UUID space, DhtArc arc, LocationBucket bucket, QueryCost cost) {
        BoundStatement buckets = context.statements.selectBucketsBetween
                .bind(space, IndexKind.CREATED.code, bucket.grain().code, bucket.index(), Long.MIN_VALUE, Long.MAX_VALUE)
                .setPageSize(16);
        return context.execute(buckets).thenCompose(page -> earliestInPage(space, arc, bucket, page, page.currentPage().iterator(), cost));
    }

    private CompletableFuture<Optional<Long>> earliestInPage(UUID space, DhtArc arc, LocationBucket bucket, AsyncResultSet page,
            Iterator<Row> timeBuckets, QueryCost cost) {
        if (!timeBuckets.hasNext()) {
            if (!page.hasMorePages()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return page.fetchNextPage().toCompletableFuture()
                    .thenCompose(next -> earliestInPage(space, arc, bucket, next, next.currentPage().iterator(), cost));
        }
        PartitionKey key = new PartitionKey(IndexKind.CREATED, bucket, timeBuckets.next().getLong(0));
        int pageSize = bucket.whole() ? FIRST_ROW_PAGE : context.config.getPageSize();
        PartitionStream stream = new PartitionStream(context.session, bindFrom(space, key, Long.MIN_VALUE, pageSize), filterFor(arc, bucket));
        return stream.fill().thenCompose(ignored -> {
            cost.add(stream);
            return stream.head() != null
                    ? CompletableFuture.completedFuture(Optional.of(stream.head().time()))
                    : earliestInPage(space, arc, bucket, page, timeBuckets, cost);
        });
    }

    /** Merges group after group; completes with true when the sink stopped the scan. */
    private CompletableFuture<Boolean> scanInOrder(List<List<PartitionKey>> groups, int index,
            Function<PartitionKey, PartitionStream> open, Predicate<IndexRow> sink, QueryCost cost) {
        if (index >= groups.size()) {
            return CompletableFuture.completedFuture(false);
        }
        List<PartitionStream> streams = groups.get(index).stream().map(open).toList();
        return OrderedMerge.merge(streams, sink, context.fanOut, context.executor)
                .thenCompose(stopped -> {
                    cost.add(streams);
                    return stopped ? CompletableFuture.completedFuture(true)
                            : scanInOrder(groups, index + 1, open, sink, cost);
                });
    }

    /** Partitions and pages one query read, for the observer. */
    private static final class QueryCost {
        private int partitions;
        private int pages;
        private int readSealed;
        private int sealed;

        synchronized void add(List<PartitionStream> streams) {
            for (PartitionStream stream : streams) {
                if (stream.pagesRead() > 0) {
                    partitions++;
                    pages += stream.pagesRead();
                }
                readSealed += stream.readSealed() ? 1 : 0;
                sealed += stream.sealing() ? 1 : 0;
            }
        }

        synchronized void add(PartitionStream stream) {
            add(List.of(stream));
        }

        synchronized void report(QueryObserver observer, String method) {
            observer.onQuery(method, partitions, pages);
            if (readSealed > 0 || sealed > 0) {
                observer.onSeals(method, readSealed, sealed);
            }
        }
    }

    private static DhtArc filterFor(DhtArc arc, LocationBucket bucket) {
        return bucket.whole() ? null : arc;
    }

    static List<List<PartitionKey>> groupByTime(List<PartitionKey> keys) {
        List<List<PartitionKey>> groups = new ArrayList<>();
        List<PartitionKey> current = null;
        long time = 0;
        for (PartitionKey key : keys) {
            if (current == null || key.timeBucket() != time) {
                current = new ArrayList<>();
                groups.add(current);
                time = key.timeBucket();
            }
            current.add(key);
        }
        return groups;
    }

    private BoundStatement bindFrom(UUID space, PartitionKey key, long from, int pageSize) {
        return context.statements.scanFrom.get(key.kind())
                .bind(space, key.bucket().grain().code, key.bucket().index(), key.timeBucket(), from)
                .setPageSize(pageSize);
    }
}
