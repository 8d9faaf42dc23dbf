package org.k2store.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A store that can hand out an arc's slice hashes in pages, so a server answers
 * {@code retrieve_slice_hashes} in bounded memory however many hashes a tenant stored. Pages
 * concatenated are exactly {@link OpStore#retrieveSliceHashes}.
 */
public interface PagedSliceHashes {

    /** At most {@code limit} hashes of {@code arc} with unsigned index >= {@code fromIndex}, ascending. */
    CompletableFuture<List<SliceHash>> retrieveSliceHashesFrom(DhtArc arc, long fromIndex, int limit);
}
