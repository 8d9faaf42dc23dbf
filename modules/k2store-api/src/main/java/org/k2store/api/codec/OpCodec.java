package org.k2store.api.codec;

import org.k2store.api.DecodedOp;
import org.k2store.api.InvalidInputException;

/**
 * How a space reads incoming op bytes. kitsune2's own test host sends MemoryOp JSON and lets the
 * store derive the id; Holochain computes ids itself and sends them alongside (the envelope).
 */
public enum OpCodec {

    /** kitsune2's {@code MemoryOp} JSON; see {@link MemoryOpDecoder}. */
    KITSUNE2_MEMORY("kitsune2-memory") {
        @Override
        public DecodedOp decode(byte[] raw, String field) {
            return MemoryOpDecoder.decode(raw, field);
        }
    },

    /** An explicit id, created_at and data; see {@link Envelope}. */
    ENVELOPE("envelope") {
        @Override
        public DecodedOp decode(byte[] raw, String field) {
            return Envelope.decode(raw, field);
        }
    };

    private final String wireName;

    OpCodec(String wireName) {
        this.wireName = wireName;
    }

    /** Decodes one op; a malformed one is an {@link InvalidInputException} naming {@code field}. */
    public abstract DecodedOp decode(byte[] raw, String field);

    public String wireName() {
        return wireName;
    }

    public static OpCodec fromWireName(String name) {
        for (OpCodec codec : values()) {
            if (codec.wireName.equals(name)) {
                return codec;
            }
        }
        throw new InvalidInputException("codec: '" + name + "' is not one of kitsune2-memory, envelope");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
