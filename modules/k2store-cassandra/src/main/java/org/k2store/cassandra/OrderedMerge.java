package org.k2store.cassandra;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.k2store.api.async.FanOut;

/**
 * A streaming k-way merge of partition streams into one ascending sequence. First pages are
 * fetched in parallel under the fan-out cap; after that a stream is asked for its next page only
 * when the merge needs its next row, so a consumer that stops early (a spent byte budget) stops the
 * reading. A row the consumer declines stays at the head, so the merge can be driven again later
 * from exactly there (a slice streamed page by page). Merging after a fetch runs on the store's
 * executor, never on a driver I/O thread.
 */
final class OrderedMerge {

    private final PriorityQueue<PartitionStream> heap =
            new PriorityQueue<>((a, b) -> IndexRow.ORDER.compare(a.head(), b.head()));
    private final Executor executor;

    private OrderedMerge(Executor executor) {
        this.executor = executor;
    }

    /**
     * Feeds every row of {@code streams} in order to {@code sink} until it returns false. Completes
     * with true when the sink stopped the merge, false when the streams ran out.
     */
    static CompletableFuture<Boolean> merge(List<PartitionStream> streams, Predicate<IndexRow> sink, int cap, Executor executor) {
        return open(streams, cap, executor).thenCompose(merge -> merge.drive(sink));
    }

    /** A merge of {@code streams} with every stream's first rows fetched, ready to be driven. */
    static CompletableFuture<OrderedMerge> open(List<PartitionStream> streams, int cap, Executor executor) {
        List<Supplier<CompletableFuture<Void>>> firstPages = streams.stream()
                .<Supplier<CompletableFuture<Void>>>map(stream -> stream::fill).toList();
        OrderedMerge merge = new OrderedMerge(executor);
        return FanOut.all(firstPages, cap, executor).thenApplyAsync(ignored -> {
            for (PartitionStream stream : streams) {
                if (stream.head() != null) {
                    merge.heap.add(stream);
                }
            }
            return merge;
        }, executor);
    }

    /**
     * Offers the rows from where the merge stands to {@code sink}. Completes with true when the
     * sink declined a row (which stays next), false when the streams ran out. One drive at a time.
     */
    CompletableFuture<Boolean> drive(Predicate<IndexRow> sink) {
        while (!heap.isEmpty()) {
            PartitionStream stream = heap.peek();
            if (!sink.test(stream.head())) {
                return CompletableFuture.completedFuture(true);
            }
            heap.poll();
            stream.take();
            if (stream.headReadyWithoutFetch()) {
                heap.add(stream);
            } else if (!stream.exhausted()) {
                return stream.fill().thenComposeAsync(ignored -> {
                    if (stream.head() != null) {
                        heap.add(stream);
                    }
                    return drive(sink);
                }, executor);
            }
        }
        return CompletableFuture.completedFuture(false);
    }
}
