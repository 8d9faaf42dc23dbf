package org.k2store.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.TimeSliceCursor;
import org.k2store.api.TimeSlicePage;
import org.k2store.api.TimeSliceReader;
import org.k2store.api.Timestamp;

/**
 * One pass over a time slice: the time buckets' partitions merged one group after another, with
 * the current group's merge kept open between pages. Paging a slice by cursor instead re-reads
 * (or re-decodes the seals of) every partition of the cursor's time bucket per page, which made a
 * FULL-arc slice of 146,119 ids at 10^7 ops take 1.8 s through the service in 5,000-id pages.
 * Memory between pages is the open group's buffered pages or decoded seals, as for one query.
 */
final class SliceScan implements TimeSliceReader {

    private final Supplier<CompletableFuture<List<PartitionKey>>> plan;
    private final Function<PartitionKey, PartitionStream> open;
    private final TimeSliceCursor after;
    private final StoreContext context;
    private final Consumer<List<PartitionStream>> read;
    private final Runnable finished;
    private CompletableFuture<List<List<PartitionKey>>> groups;
    private int nextGroup;
    private OrderedMerge merge;
    private List<PartitionStream> streams = List.of();
    private boolean busy;
    private boolean done;
    private Throwable failed;

    /**
     * Reads the partitions {@code plan} names (in time order), each through {@code open}; rows at or
     * before {@code after} (null: none) are skipped. {@code read} is told each group's streams once
     * merged, and {@code finished} runs once the whole slice was handed out.
     */
    SliceScan(Supplier<CompletableFuture<List<PartitionKey>>> plan, Function<PartitionKey, PartitionStream> open,
            TimeSliceCursor after, StoreContext context, Consumer<List<PartitionStream>> read, Runnable finished) {
        this.plan = plan;
        this.open = open;
        this.after = after;
        this.context = context;
        this.read = read;
        this.finished = finished;
    }

    /** {@code maxIds} is at least 1: the store's public calls check it (a 400 naming max_ids). */
    @Override
    public synchronized CompletableFuture<TimeSlicePage> nextPage(int maxIds) {
        if (failed != null) {
            // A failed read lost its place: never hand out what would look like the rest of the slice.
            return CompletableFuture.failedFuture(failed);
        }
        if (busy) {
            return CompletableFuture.failedFuture(new IllegalStateException("the last page of this slice is still being read"));
        }
        if (done) {
            return CompletableFuture.completedFuture(new TimeSlicePage(List.of(), 0, null));
        }
        busy = true;
        if (groups == null) {
            groups = plan.get().thenApply(IndexQueries::groupByTime);
        }
        Page page = new Page(maxIds);
        return groups.thenCompose(all -> fill(all, page)).whenComplete((filled, error) -> {
            boolean last = error == null && filled.next() == null;
            synchronized (this) {
                busy = false;
                failed = error;
                done = last;
            }
            if (last) {
                finished.run();
            }
        });
    }

    /** Drives the open merge, then opens group after group, until the page is full or the slice ends. */
    private CompletableFuture<TimeSlicePage> fill(List<List<PartitionKey>> all, Page page) {
        if (merge == null) {
            if (nextGroup >= all.size()) {
                return CompletableFuture.completedFuture(page.last());
            }
            streams = all.get(nextGroup++).stream().map(open).toList();
            return OrderedMerge.open(streams, context.fanOut, context.executor).thenCompose(opened -> {
                merge = opened;
                return fill(all, page);
            });
        }
        return merge.drive(page::offer).thenCompose(full -> {
            if (full) {
                return CompletableFuture.completedFuture(page.more());
            }
            read.accept(streams);
            merge = null;
            return fill(all, page);
        });
    }

    /** The ids of one page; declines the first row past its size, which stays for the next page. */
    private final class Page {
        private final int maxIds;
        private final List<OpId> ids = new ArrayList<>();
        private long total;
        private TimeSliceCursor last;

        Page(int maxIds) {
            this.maxIds = maxIds;
        }

        boolean offer(IndexRow row) {
            TimeSliceCursor position = new TimeSliceCursor(new Timestamp(row.time()), row.opId());
            if (after != null && position.compareTo(after) <= 0) {
                return true;
            }
            if (ids.size() == maxIds) {
                return false;
            }
            ids.add(row.opId());
            total = OpSizes.saturatingAdd(total, row.size());
            last = position;
            return true;
        }

        TimeSlicePage more() {
            return new TimeSlicePage(ids, total, last);
        }

        TimeSlicePage last() {
            return new TimeSlicePage(ids, total, null);
        }
    }
}
