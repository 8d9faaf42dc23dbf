package org.k2store.api;

import java.util.Objects;
import org.k2store.api.codec.OpCodec;

/**
 * What a space fixes for its lifetime: how op bytes are decoded and how ids map to locations.
 * Changing either would change every stored op's meaning, so re-creating a space with other
 * settings is refused.
 */
public record SpaceSettings(OpCodec codec, LocationScheme location) {

    public static final SpaceSettings KITSUNE2_MEMORY = new SpaceSettings(OpCodec.KITSUNE2_MEMORY, LocationScheme.XOR_FOLD);

    public SpaceSettings {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(location, "location");
        if (codec == OpCodec.KITSUNE2_MEMORY && location == LocationScheme.SUFFIX_LE32) {
            // MemoryOp ids are always 32 bytes; suffix-le32 needs 36.
            throw new InvalidInputException("location: suffix-le32 needs 36-byte op ids, "
                    + "but the kitsune2-memory codec makes 32-byte ids; use the envelope codec");
        }
    }

    /** Decodes one op and checks its id against the location scheme. */
    public DecodedOp decode(byte[] raw, String field) {
        return validated(codec.decode(raw, field), field);
    }

    /** Checks an op another reader decoded (a service reading its request body) as {@link #decode} would. */
    public DecodedOp validated(DecodedOp op, String field) {
        location.validate(op.opId(), field + ".op_id");
        return op;
    }

    public int locationOf(OpId id) {
        return location.locationOf(id);
    }
}
