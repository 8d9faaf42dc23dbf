package org.k2store.testkit;

import java.util.ArrayList;
import java.util.List;
import org.k2store.api.OpId;
import org.k2store.api.codec.Envelope;
import org.k2store.api.codec.MemoryOps;

/** Builds test ops the way kitsune2's tests do: a payload that starts with its location. */
public final class Ops {

    private Ops() {
    }

    /** A MemoryOp at {@code location} with a {@code size}-byte payload created at {@code createdAt}. */
    public static byte[] memoryOp(long location, int size, long createdAt) {
        return MemoryOps.encode(createdAt, MemoryOps.payloadAt((int) location, size));
    }

    /** Like {@link #memoryOp(long, int, long)}, with an id made unique by {@code discriminator}. */
    public static byte[] memoryOp(long location, int size, long createdAt, long discriminator) {
        return MemoryOps.encode(createdAt, MemoryOps.payloadAt((int) location, size, discriminator));
    }

    /** The id kitsune2 derives for {@link #memoryOp(long, int, long)}: the payload's first 32 bytes. */
    public static OpId memoryOpId(long location, int size) {
        return OpId.of(java.util.Arrays.copyOf(MemoryOps.payloadAt((int) location, size), 32));
    }

    /** A 36-byte Holochain-style id whose last four bytes are {@code location}, little-endian. */
    public static OpId suffixId(long location, long discriminator) {
        byte[] id = new byte[36];
        for (int i = 0; i < 8; i++) {
            id[i] = (byte) (discriminator >>> (8 * i));
        }
        for (int i = 0; i < 4; i++) {
            id[32 + i] = (byte) (location >>> (8 * i));
        }
        return OpId.of(id);
    }

    public static byte[] envelope(OpId id, long createdAt, byte[] data) {
        return Envelope.encode(id, createdAt, data);
    }

    public static List<byte[]> list(byte[]... ops) {
        return new ArrayList<>(List.of(ops));
    }
}
