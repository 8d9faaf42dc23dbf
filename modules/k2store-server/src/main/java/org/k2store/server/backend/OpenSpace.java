package org.k2store.server.backend;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cached open store with the uid it was opened on and when that uid was last confirmed against
 * the {@code spaces} row. The confirmation time lets a node that did not receive a drop notice
 * it within one revalidation interval, at one Cassandra read per space per interval, not per
 * request.
 */
final class OpenSpace {

    final MeteredStore store;
    final UUID uid;
    private final AtomicLong confirmedAtNanos;

    OpenSpace(MeteredStore store, UUID uid, long nowNanos) {
        this.store = store;
        this.uid = uid;
        this.confirmedAtNanos = new AtomicLong(nowNanos);
    }

    /**
     * True for exactly one caller once the interval has passed since the last confirmation: that
     * caller re-reads the row, the others keep serving (still within the interval's bound).
     */
    boolean claimRevalidation(long nowNanos, long intervalNanos) {
        long confirmed = confirmedAtNanos.get();
        return nowNanos - confirmed >= intervalNanos && confirmedAtNanos.compareAndSet(confirmed, nowNanos);
    }
}
