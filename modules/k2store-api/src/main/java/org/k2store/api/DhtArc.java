package org.k2store.api;

import java.util.Objects;

/**
 * kitsune2's {@code DhtArc}: {@code Empty}, or {@code Arc(start, end)} on the unsigned 32-bit ring
 * with BOTH bounds inclusive; {@code start > end} wraps through zero. A plain value: slice hashes
 * are keyed by the exact arc, so {@code Arc(0,2)} and {@code Arc(0,4)} are different keys.
 *
 * <p>Locations are carried as {@code int} and always compared unsigned, so nothing breaks at 2^31.
 */
public final class DhtArc {

    /** kitsune2 cuts the ring into 512 sectors of 2^23 locations each. */
    public static final int SECTOR_COUNT = 512;
    public static final int SECTOR_BITS = 23;
    public static final long RING_SIZE = 1L << 32;
    public static final long MAX_LOCATION = RING_SIZE - 1;

    public static final DhtArc EMPTY = new DhtArc(true, 0, 0);
    public static final DhtArc FULL = new DhtArc(false, 0, -1);

    private final boolean empty;
    private final int start;
    private final int end;

    private DhtArc(boolean empty, int start, int end) {
        this.empty = empty;
        this.start = start;
        this.end = end;
    }

    /** {@code Arc(start, end)}, both given as unsigned 32-bit values in a long. */
    public static DhtArc of(long start, long end) {
        return new DhtArc(false, checkLocation(start, "start"), checkLocation(end, "end"));
    }

    /** {@code Arc(start, end)} from raw ring positions (the int's bits are the unsigned value). */
    public static DhtArc ofRaw(int start, int end) {
        return new DhtArc(false, start, end);
    }

    /** Sector {@code i}: {@code Arc(i * 2^23, (i+1) * 2^23 - 1)}. */
    public static DhtArc sector(int index) {
        if (index < 0 || index >= SECTOR_COUNT) {
            throw new IllegalArgumentException("sector index must be in 0..511: " + index);
        }
        long start = (long) index << SECTOR_BITS;
        return of(start, start + (1L << SECTOR_BITS) - 1);
    }

    /**
     * Parses the wire form: {@code empty}, or {@code START..END} with decimal unsigned 32-bit bounds.
     */
    public static DhtArc parse(String text, String field) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(field + ": missing (expected 'empty' or 'START..END')");
        }
        if (text.equals("empty")) {
            return EMPTY;
        }
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new InvalidInputException(field + ": '" + abbreviate(text) + "' is not 'empty' or 'START..END'");
        }
        long start = parseLocation(text.substring(0, dots), field + " start");
        long end = parseLocation(text.substring(dots + 2), field + " end");
        return of(start, end);
    }

    private static long parseLocation(String text, String field) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(field + ": '" + abbreviate(text)
                    + "' is not a decimal number in 0.." + MAX_LOCATION);
        }
        long value = Long.parseLong(text);
        if (value > MAX_LOCATION) {
            throw new InvalidInputException(field + ": " + value + " is above " + MAX_LOCATION);
        }
        return value;
    }

    private static int checkLocation(long value, String name) {
        if (value < 0 || value > MAX_LOCATION) {
            throw new InvalidInputException("arc " + name + ": " + value + " is not in 0.." + MAX_LOCATION);
        }
        return (int) value;
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    public boolean isEmpty() {
        return empty;
    }

    public boolean isFull() {
        return !empty && start == 0 && end == -1;
    }

    /** True for an arc whose start is above its end: it runs through the top of the ring into 0. */
    public boolean wraps() {
        return !empty && Integer.compareUnsigned(start, end) > 0;
    }

    /** The start as an unsigned value. Meaningless for {@link #EMPTY}. */
    public long start() {
        return Integer.toUnsignedLong(start);
    }

    /** The inclusive end as an unsigned value. Meaningless for {@link #EMPTY}. */
    public long end() {
        return Integer.toUnsignedLong(end);
    }

    public boolean contains(int location) {
        if (empty) {
            return false;
        }
        if (wraps()) {
            return Integer.compareUnsigned(location, start) >= 0 || Integer.compareUnsigned(location, end) <= 0;
        }
        return Integer.compareUnsigned(location, start) >= 0 && Integer.compareUnsigned(location, end) <= 0;
    }

    public boolean contains(long location) {
        return location >= 0 && location <= MAX_LOCATION && contains((int) location);
    }

    /** How many locations the arc holds, 0 to 2^32. */
    public long length() {
        if (empty) {
            return 0;
        }
        return wraps() ? RING_SIZE - start() + end() + 1 : end() - start() + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhtArc other && empty == other.empty && start == other.start && end == other.end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(empty, start, end);
    }

    /** The wire form, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return empty ? "empty" : start() + ".." + end();
    }
}
