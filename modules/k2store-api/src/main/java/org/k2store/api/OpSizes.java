package org.k2store.api;

/**
 * Sizes in the API are kitsune2's {@code u32}. Sums saturate at 2^32-1 instead of wrapping: a
 * wrapped total would tell gossip a huge slice is tiny.
 */
public final class OpSizes {

    public static final long U32_MAX = 0xFFFF_FFFFL;

    private OpSizes() {
    }

    public static long saturatingAdd(long total, long size) {
        long sum = total + size;
        return sum > U32_MAX || sum < 0 ? U32_MAX : sum;
    }

    /** Checks a byte budget given by a caller: kitsune2 passes a u32. */
    public static long checkLimit(long limitBytes, String field) {
        if (limitBytes < 0 || limitBytes > U32_MAX) {
            throw new InvalidInputException(field + ": " + limitBytes + " is not in 0.." + U32_MAX);
        }
        return limitBytes;
    }
}
