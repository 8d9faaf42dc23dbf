package org.k2store.api;

import java.util.Arrays;
import java.util.Objects;

/** An op as {@code retrieve_ops} returns it: its id and its bytes exactly as they were received. */
public final class MetaOp {

    private final OpId opId;
    private final byte[] opData;

    public MetaOp(OpId opId, byte[] opData) {
        this.opId = Objects.requireNonNull(opId, "opId");
        this.opData = Objects.requireNonNull(opData, "opData").clone();
    }

    public OpId opId() {
        return opId;
    }

    public byte[] opData() {
        return opData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetaOp other && opId.equals(other.opId) && Arrays.equals(opData, other.opData);
    }

    @Override
    public int hashCode() {
        return opId.hashCode() * 31 + Arrays.hashCode(opData);
    }

    @Override
    public String toString() {
        return "MetaOp{" + opId + ", " + opData.length + " bytes}";
    }
}
