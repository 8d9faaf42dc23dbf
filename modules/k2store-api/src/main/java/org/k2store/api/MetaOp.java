package org.k2store.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An op as {@code retrieve_ops} returns it: its id, its bytes exactly as they were received, and the
 * metadata its first sender gave with it (kitsune2 0.5's {@code IncomingOp.metadata}), if any.
 */
public final class MetaOp {

    private final OpId opId;
    private final byte[] opData;
    private final byte[] metadata;

    public MetaOp(OpId opId, byte[] opData) {
        this(opId, opData, null);
    }

    /** {@code metadata} null (or empty) when the op was stored without any. */
    public MetaOp(OpId opId, byte[] opData, byte[] metadata) {
        this.opId = Objects.requireNonNull(opId, "opId");
        this.opData = Objects.requireNonNull(opData, "opData").clone();
        this.metadata = metadata == null || metadata.length == 0 ? null : metadata.clone();
    }

    public OpId opId() {
        return opId;
    }

    public byte[] opData() {
        return opData.clone();
    }

    /** The metadata stored with the op, or empty when it was stored without any. */
    public Optional<byte[]> metadata() {
        return metadata == null ? Optional.empty() : Optional.of(metadata.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetaOp other && opId.equals(other.opId) && Arrays.equals(opData, other.opData)
                && Arrays.equals(metadata, other.metadata);
    }

    @Override
    public int hashCode() {
        return (opId.hashCode() * 31 + Arrays.hashCode(opData)) * 31 + Arrays.hashCode(metadata);
    }

    @Override
    public String toString() {
        return "MetaOp{" + opId + ", " + opData.length + " bytes" + (metadata == null ? "" : ", metadata " + metadata.length + " bytes") + "}";
    }
}
