package org.k2store.api;

import java.util.Objects;

/** A position in a time slice's order: the last (created_at, op id) a page returned. */
public record TimeSliceCursor(Timestamp createdAt, OpId opId) implements Comparable<TimeSliceCursor> {

    public TimeSliceCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(opId, "opId");
    }

    @Override
    public int compareTo(TimeSliceCursor other) {
        int byTime = createdAt.compareTo(other.createdAt);
        return byTime != 0 ? byTime : opId.compareTo(other.opId);
    }
}
