package org.k2store.api;

/**
 * Hands out {@code stored_at} values that strictly increase, even when the clock stands still or
 * steps back. Paging by {@code stored_at} only makes progress if ops do not share one stamp in
 * bulk, so each op of a batch gets its own microsecond.
 */
public final class StoredAtSequence {

    private final MicrosClock clock;
    private long last = Long.MIN_VALUE;

    public StoredAtSequence(MicrosClock clock) {
        this.clock = clock;
    }

    /** The last stamp handed out, or Long.MIN_VALUE before the first; it may run ahead of the clock. */
    public synchronized long last() {
        return last;
    }

    /** Reserves {@code count} consecutive stamps and returns the first. */
    public long reserve(int count) {
        return reserve(count, Long.MIN_VALUE);
    }

    /**
     * Like {@link #reserve(int)}, none below {@code atLeast}: a store that promised others it stamps
     * nothing below some time keeps that promise even when its clock steps back.
     */
    public synchronized long reserve(int count, long atLeast) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        long first = Math.max(Math.max(clock.nowMicros(), atLeast), last == Long.MIN_VALUE ? Long.MIN_VALUE : last + 1);
        if (count > 0) {
            last = first + count - 1;
        }
        return first;
    }
}
