package org.k2store.api;

import java.util.List;

/**
 * One page of a time slice: up to the asked number of ids, their summed size, and the cursor to ask
 * for the next page from, or null when the slice is exhausted.
 */
public record TimeSlicePage(List<OpId> opIds, long totalBytes, TimeSliceCursor next) {

    public TimeSlicePage {
        opIds = List.copyOf(opIds);
    }
}
