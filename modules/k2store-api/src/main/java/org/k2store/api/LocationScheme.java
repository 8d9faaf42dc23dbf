package org.k2store.api;

/**
 * How a space derives an op's ring location from its id. kitsune2 folds the id; Holochain 0.5.5
 * and later append the basis location to a 32-byte hash. A space picks one for its lifetime.
 */
public enum LocationScheme {

    /** kitsune2's default: XOR every byte into position {@code i % 4}, read little-endian. */
    XOR_FOLD("xor-fold") {
        @Override
        public int locationOf(OpId id) {
            int[] out = new int[4];
            for (int i = 0; i < id.length(); i++) {
                out[i % 4] ^= id.byteAt(i);
            }
            return out[0] | out[1] << 8 | out[2] << 16 | out[3] << 24;
        }

        @Override
        public void validate(OpId id, String field) {
            if (id.length() == 0) {
                throw new InvalidInputException(field + ": an op id must not be empty");
            }
        }
    },

    /** Holochain: 36-byte ids, 32 hash bytes then the basis location, little-endian. */
    SUFFIX_LE32("suffix-le32") {
        @Override
        public int locationOf(OpId id) {
            if (id.length() != SUFFIX_ID_LENGTH) {
                throw new InvalidInputException("op id must be " + SUFFIX_ID_LENGTH + " bytes in a suffix-le32 space, got "
                        + id.length());
            }
            return id.byteAt(32) | id.byteAt(33) << 8 | id.byteAt(34) << 16 | id.byteAt(35) << 24;
        }

        @Override
        public void validate(OpId id, String field) {
            if (id.length() != SUFFIX_ID_LENGTH) {
                throw new InvalidInputException(field + ": op id must be " + SUFFIX_ID_LENGTH
                        + " bytes in a suffix-le32 space, got " + id.length());
            }
        }
    };

    public static final int SUFFIX_ID_LENGTH = 36;

    private final String wireName;

    LocationScheme(String wireName) {
        this.wireName = wireName;
    }

    /** The ring location; the int's bits are the unsigned 32-bit value. */
    public abstract int locationOf(OpId id);

    /** Rejects an id this scheme cannot place, naming {@code field}. */
    public abstract void validate(OpId id, String field);

    public String wireName() {
        return wireName;
    }

    public static LocationScheme fromWireName(String name) {
        for (LocationScheme scheme : values()) {
            if (scheme.wireName.equals(name)) {
                return scheme;
            }
        }
        throw new InvalidInputException("location: '" + name + "' is not one of xor-fold, suffix-le32");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
