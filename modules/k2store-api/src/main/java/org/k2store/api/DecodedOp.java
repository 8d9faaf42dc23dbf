package org.k2store.api;

import java.util.Objects;

/**
 * An incoming op after its codec read it: the id, the creation time, the bytes {@code retrieve_ops}
 * will hand back, the size that byte budgets and slice totals count, and the sender's optional
 * metadata (kitsune2 0.5's {@code IncomingOp.metadata}, opaque bytes stored with the op).
 */
public final class DecodedOp {

    private final OpId opId;
    private final Timestamp createdAt;
    private final byte[] storedBytes;
    private final int size;
    private final byte[] metadata;

    public DecodedOp(OpId opId, Timestamp createdAt, byte[] storedBytes, int size) {
        this(opId, createdAt, storedBytes, size, null);
    }

    /** {@code metadata} is null when the sender gave none; an empty array counts as none. */
    public DecodedOp(OpId opId, Timestamp createdAt, byte[] storedBytes, int size, byte[] metadata) {
        this.opId = Objects.requireNonNull(opId, "opId");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.storedBytes = Objects.requireNonNull(storedBytes, "storedBytes");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        this.size = size;
        this.metadata = metadata == null || metadata.length == 0 ? null : metadata;
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

    /** The sender's metadata, or null when it gave none; not copied, callers must not change it. */
    public byte[] metadata() {
        return metadata;
    }
}
