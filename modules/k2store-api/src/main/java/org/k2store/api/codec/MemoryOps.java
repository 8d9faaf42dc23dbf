package org.k2store.api.codec;

import java.nio.charset.StandardCharsets;
import org.k2store.api.Base64Url;
import org.k2store.api.OpId;

/**
 * Writes kitsune2 {@code MemoryOp} JSON, as kitsune2's test host does. Tests and benchmarks use it to
 * place an op at a location: the payload {@code loc.to_le_bytes() ++ zeros} gives an id whose
 * xor-fold is {@code loc} (the zero padding changes nothing).
 */
public final class MemoryOps {

    private MemoryOps() {
    }

    public static byte[] encode(long createdAtMicros, byte[] opData) {
        StringBuilder json = new StringBuilder(32 + opData.length * 4);
        json.append("{\"created_at\":").append(createdAtMicros).append(",\"op_data\":[");
        for (int i = 0; i < opData.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(opData[i] & 0xff);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * kitsune2 0.5's {@code IncomingOp} around the MemoryOp JSON {@code memoryOp}, as the
     * kitsune2-memory codec reads it: {@code {"op_id": .., "op_data": "<base64url>", "metadata": ..}}.
     * A null {@code opId} or {@code metadata} leaves that field out (the id is then derived).
     */
    public static byte[] incoming(OpId opId, byte[] memoryOp, byte[] metadata) {
        StringBuilder json = new StringBuilder(64 + memoryOp.length * 4 / 3);
        json.append('{');
        if (opId != null) {
            json.append("\"op_id\":\"").append(opId.toBase64()).append("\",");
        }
        json.append("\"op_data\":\"").append(Base64Url.encode(memoryOp)).append('"');
        if (metadata != null) {
            json.append(",\"metadata\":\"").append(Base64Url.encode(metadata)).append('"');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A payload of {@code size} bytes (at least 4) starting with {@code location} little-endian. */
    public static byte[] payloadAt(int location, int size) {
        if (size < 4) {
            throw new IllegalArgumentException("a located payload needs at least 4 bytes: " + size);
        }
        byte[] data = new byte[size];
        data[0] = (byte) location;
        data[1] = (byte) (location >>> 8);
        data[2] = (byte) (location >>> 16);
        data[3] = (byte) (location >>> 24);
        return data;
    }

    /**
     * A payload at {@code location} whose id is made unique by {@code discriminator}: bytes 4..7 and
     * 8..11 hold its two halves and bytes 12..15 their XOR, so the three fold away and the xor-fold
     * location stays {@code location}.
     */
    public static byte[] payloadAt(int location, int size, long discriminator) {
        if (size < 16) {
            throw new IllegalArgumentException("a discriminated payload needs at least 16 bytes: " + size);
        }
        byte[] data = payloadAt(location, size);
        int low = (int) discriminator;
        int high = (int) (discriminator >>> 32);
        for (int i = 0; i < 4; i++) {
            byte a = (byte) (low >>> (8 * i));
            byte b = (byte) (high >>> (8 * i));
            data[4 + i] = a;
            data[8 + i] = b;
            data[12 + i] = (byte) (a ^ b);
        }
        return data;
    }
}
