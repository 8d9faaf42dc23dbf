package org.k2store.api;

import java.util.Objects;

/**
 * Where a {@code retrieve_op_ids_bounded} read in steps stands: the call's start time (read once,
 * before the first step, because the final bookmark derives from it), the bytes taken so far, and
 * the last op taken, as its {@code (stored_at, op id)}. The position is exact even among ops that
 * share a {@code stored_at}, so the steps of one answer never repeat or skip an op.
 */
public record BoundedCursor(Timestamp callStart, long takenBytes, Timestamp storedAt, OpId opId) {

    public BoundedCursor {
        Objects.requireNonNull(callStart, "callStart");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(opId, "opId");
        if (takenBytes < 0) {
            throw new IllegalArgumentException("takenBytes must not be negative: " + takenBytes);
        }
    }

    /** True when the op at {@code (storedAtMicros, id)} comes after this position in stored order. */
    public boolean isBefore(long storedAtMicros, OpId id) {
        return comparePosition(storedAtMicros, id) < 0;
    }

    /** Compares this position with {@code (storedAt, opId)} in the page's order: negative when this one comes first. */
    public int comparePosition(long storedAtMicros, OpId id) {
        int byTime = Long.compare(storedAt.micros(), storedAtMicros);
        return byTime != 0 ? byTime : opId.compareTo(id);
    }
}
