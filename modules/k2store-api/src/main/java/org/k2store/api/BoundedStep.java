package org.k2store.api;

import java.util.List;

/**
 * One step of a {@code retrieve_op_ids_bounded} answer: up to the asked number of ids and their
 * summed size, then either the answer's bookmark {@code next} (the answer is complete) or the
 * cursor to read the next step from. Exactly one of the two is set.
 */
public record BoundedStep(List<OpId> opIds, long totalBytes, Timestamp next, BoundedCursor resume) {

    public BoundedStep {
        opIds = List.copyOf(opIds);
        if ((next == null) == (resume == null)) {
            throw new IllegalArgumentException("exactly one of next and resume must be set");
        }
    }

    public boolean complete() {
        return next != null;
    }
}
