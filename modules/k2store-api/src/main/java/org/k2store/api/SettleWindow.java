package org.k2store.api;

import java.time.Duration;

/**
 * The lag a {@code retrieve_op_ids_bounded} bookmark keeps behind the read. With several writers, an
 * op stamped {@code stored_at = t} on one node may become visible only after another node's reader
 * already returned a bookmark past {@code t}; lagging every bookmark by more than write latency plus
 * clock skew means such an op is re-delivered later instead of lost. Re-delivery is harmless: callers
 * filter with {@code filter_out_existing_ops}.
 */
public record SettleWindow(long micros) {

    /** A single writer whose writes are visible at once (the memory store) needs no lag. */
    public static final SettleWindow NONE = new SettleWindow(0);

    public SettleWindow {
        if (micros < 0) {
            throw new IllegalArgumentException("settle window must not be negative: " + micros);
        }
    }

    public static SettleWindow of(Duration duration) {
        return new SettleWindow(Math.multiplyExact(duration.getSeconds(), 1_000_000L) + duration.getNano() / 1_000);
    }

    /**
     * The bookmark to return. {@code firstNotFitting} is the {@code stored_at} of the first op that did
     * not fit the budget, or null when everything fitted; {@code callStart} was read before reading.
     */
    public Timestamp bookmark(Timestamp callStart, Timestamp firstNotFitting) {
        return bookmark(callStart, firstNotFitting, Long.MIN_VALUE);
    }

    /**
     * Like {@link #bookmark(Timestamp, Timestamp)}, where {@code safeMicros} is a time before which no
     * writer may still make an op visible (the minimum of the writers' closed timestamps), or
     * Long.MIN_VALUE when unknown. The bookmark may go up to it when it is later than the window's
     * lag, never past {@code callStart}.
     */
    public Timestamp bookmark(Timestamp callStart, Timestamp firstNotFitting, long safeMicros) {
        long settled = callStart.micros() - micros;
        if (settled > callStart.micros()) {
            settled = Long.MIN_VALUE; // underflow
        }
        settled = Math.max(settled, Math.min(safeMicros, callStart.micros()));
        if (firstNotFitting == null) {
            return new Timestamp(settled);
        }
        // Without a window this is exactly kitsune2's answer; with one, an op not yet settled must
        // not be stepped over even when the page is full.
        return micros == 0 ? firstNotFitting : new Timestamp(Math.min(firstNotFitting.micros(), settled));
    }
}
