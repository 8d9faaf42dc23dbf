package org.k2store.api;

import java.util.List;

/**
 * The answer of {@code retrieve_op_ids_bounded}: ids ascending by {@code stored_at}, their summed
 * size, and the bookmark {@code next} the caller passes as {@code start} to resume.
 */
public record BoundedPage(List<OpId> opIds, long totalBytes, Timestamp next) {

    public BoundedPage {
        opIds = List.copyOf(opIds);
    }
}
