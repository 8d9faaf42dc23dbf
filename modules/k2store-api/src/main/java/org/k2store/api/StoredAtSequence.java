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
    public synchronized long reserve(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        long first = Math.max(clock.nowMicros(), last == Long.MIN_VALUE ? Long.MIN_VALUE : last + 1);
        if (count > 0) {
            last = first + count - 1;
        }
        return first;
    }
}
