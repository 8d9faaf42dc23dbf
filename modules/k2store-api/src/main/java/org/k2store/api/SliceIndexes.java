package org.k2store.api;

/** Slice indexes are kitsune2's {@code u64}; these helpers keep the unsigned arithmetic in one place. */
public final class SliceIndexes {

    private SliceIndexes() {
    }

    /**
     * {@code slice_hash_count} is the highest stored index + 1. For the one index where that does
     * not fit a u64 (2^64-1) the count saturates at 2^64-1 rather than wrapping to 0.
     */
    public static long countAfter(long highestIndex) {
        return highestIndex == -1L ? -1L : highestIndex + 1;
    }

    /** Parses a decimal u64, naming {@code field} when it is not one. */
    public static long parse(String text, String field) {
        if (text == null || text.isEmpty() || text.length() > 20 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(field + ": '" + DhtArc.abbreviate(String.valueOf(text))
                    + "' is not a decimal number in 0..18446744073709551615");
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field + ": " + text + " is above 18446744073709551615");
        }
    }

    public static String toString(long index) {
        return Long.toUnsignedString(index);
    }

    /** Rejects the empty hash as kitsune2 does. */
    public static void checkHash(byte[] hash) {
        if (hash == null || hash.length == 0) {
            throw new InvalidInputException("hash: Cannot insert empty combined hash");
        }
    }
}
