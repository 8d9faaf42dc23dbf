package org.k2store.api;

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
}
