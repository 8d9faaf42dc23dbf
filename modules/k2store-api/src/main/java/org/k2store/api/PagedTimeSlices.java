package org.k2store.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A store that can hand out a time slice in pages, so a server can stream a slice of millions of
 * ids in bounded memory. Pages concatenated are exactly {@code retrieve_op_hashes_in_time_slice}.
 */
public interface PagedTimeSlices {

    /**
     * At most {@code maxIds} ids of the slice that come after {@code after} (null: from the start),
     * in the slice's order.
     */
    CompletableFuture<TimeSlicePage> retrieveOpHashesInTimeSlicePage(DhtArc arc, Timestamp start, Timestamp end,
            TimeSliceCursor after, int maxIds);

    /**
     * The slice as one pass. By default each page is a query from the last page's cursor; a store
     * whose query has a cost per call (Cassandra reads every partition of the slice's time bucket)
     * keeps that query open instead.
     */
    default TimeSliceReader openTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return new TimeSliceReader() {
            private TimeSliceCursor after;
            private boolean done;

            @Override
            public CompletableFuture<TimeSlicePage> nextPage(int maxIds) {
                if (done) {
                    return CompletableFuture.completedFuture(new TimeSlicePage(List.of(), 0, null));
                }
                return retrieveOpHashesInTimeSlicePage(arc, start, end, after, maxIds).thenApply(page -> {
                    after = page.next();
                    done = after == null;
                    return page;
                });
            }
        };
    }
}
