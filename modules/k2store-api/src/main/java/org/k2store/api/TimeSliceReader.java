package org.k2store.api;

import java.util.concurrent.CompletableFuture;

/**
 * One time slice read as one pass and handed out a page at a time, for a server streaming a slice
 * of millions of ids: the store keeps its place between pages instead of finding it again from a
 * cursor. Pages concatenated are exactly {@code retrieve_op_hashes_in_time_slice}. Not for
 * concurrent use: ask for the next page once the last one has completed.
 */
public interface TimeSliceReader {

    /** The next at most {@code maxIds} ids; the page whose {@code next()} is null is the last. */
    CompletableFuture<TimeSlicePage> nextPage(int maxIds);
}
