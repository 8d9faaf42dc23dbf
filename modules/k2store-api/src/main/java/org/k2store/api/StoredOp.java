package org.k2store.api;

import java.util.Comparator;
import java.util.Objects;

/**
 * kitsune2's {@code StoredOp}: an id with its creation time, ordered by {@code (created_at, op_id)}.
 * That order is what every time-ordered answer follows, so ties never depend on storage layout.
 */
public record StoredOp(OpId opId, Timestamp createdAt) implements Comparable<StoredOp> {

    public static final Comparator<StoredOp> ORDER =
            Comparator.comparing(StoredOp::createdAt).thenComparing(StoredOp::opId);

    public StoredOp {
        Objects.requireNonNull(opId, "opId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public int compareTo(StoredOp other) {
        return ORDER.compare(this, other);
    }
}
