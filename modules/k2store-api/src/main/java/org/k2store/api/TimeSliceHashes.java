package org.k2store.api;

import java.util.List;

/**
 * The answer of {@code retrieve_op_hashes_in_time_slice}: ids ascending by {@code (created_at, id)}
 * and their summed size, saturated at 2^32-1.
 */
public record TimeSliceHashes(List<OpId> opIds, long totalBytes) {

    public TimeSliceHashes {
        opIds = List.copyOf(opIds);
    }
}
