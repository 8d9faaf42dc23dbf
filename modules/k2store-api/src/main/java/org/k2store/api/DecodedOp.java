package org.k2store.api;

import java.util.Objects;

/**
 * An incoming op after its codec read it: the id, the creation time, the bytes {@code retrieve_ops}
 * will hand back, and the size that byte budgets and slice totals count.
 */
public final class DecodedOp {

    private final OpId opId;
    private final Timestamp createdAt;
    private final byte[] storedBytes;
    private final int size;

    public DecodedOp(OpId opId, Timestamp createdAt, byte[] storedBytes, int size) {
        this.opId = Objects.requireNonNull(opId, "opId");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.storedBytes = Objects.requireNonNull(storedBytes, "storedBytes");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        this.size = size;
    }

    public OpId opId() {
        return opId;
    }

    public Timestamp createdAt() {
        return createdAt;
    }

    /** The bytes as stored; not copied, callers must not change them. */
    public byte[] storedBytes() {
        return storedBytes;
    }

    public int size() {
        return size;
    }
}
