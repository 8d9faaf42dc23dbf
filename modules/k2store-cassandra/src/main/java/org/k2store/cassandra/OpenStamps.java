package org.k2store.cassandra;

import com.google.common.collect.TreeMultiset;
import org.k2store.api.MicrosClock;
import org.k2store.api.StoredAtSequence;

/**
 * The stamps this process handed out whose ops may still become visible, and the closed timestamp
 * they leave: no op this process makes visible from now on has a stored_at below it. Stamping and
 * closing take one lock, so every stamp is either counted in a closed timestamp or taken after it
 * (never below it: the sequence is told the floor, so a clock stepping back cannot break a promise).
 * The set holds one entry per batch in flight, and per failed batch until its settle window ends.
 */
final class OpenStamps {

    private final MicrosClock clock;
    private final TreeMultiset<Long> open = TreeMultiset.create();
    /** The highest closed timestamp computed so far: every open stamp is at or above it. */
    private long floor = Long.MIN_VALUE;

    OpenStamps(MicrosClock clock) {
        this.clock = clock;
    }

    /** A batch's hold on the closed timestamp, from its lowest stamp until its ops are visible or never can be. */
    final class Hold {

        private final long first;
        private long lowest;
        private boolean released;

        private Hold(long first) {
            this.first = first;
            this.lowest = first;
        }

        /** The first of the stamps reserved. */
        long first() {
            return first;
        }

        /**
         * Also holds {@code stamp}, an older op's stamp this batch makes visible (an interrupted or
         * racing write healed in place), unless a closed timestamp given already passed it. Then the
         * op's first writer still holds it: its batch is in flight, or failed and held for the
         * settle window, or the writer died and its row (closed at or below the stamp) outlives the
         * window; a heal in place lands within the window. False when it was not held here.
         */
        boolean alsoHolds(long stamp) {
            synchronized (OpenStamps.this) {
                if (released || stamp < floor) {
                    return false;
                }
                if (stamp < lowest) {
                    open.remove(lowest);
                    open.add(stamp);
                    lowest = stamp;
                }
                return true;
            }
        }

        /** The batch's ops are visible, or can no longer become visible. Idempotent. */
        void release() {
            synchronized (OpenStamps.this) {
                if (!released) {
                    released = true;
                    open.remove(lowest);
                }
            }
        }
    }

    /** Reserves {@code count} stamps from {@code sequence}, none below the closed timestamps already given out. */
    synchronized Hold reserve(StoredAtSequence sequence, int count) {
        Hold hold = new Hold(sequence.reserve(count, floor));
        open.add(hold.first);
        return hold;
    }

    /** The closed timestamp now: the lowest open stamp, else the clock (never below an earlier one). */
    synchronized long close() {
        long closed = Math.max(clock.nowMicros(), floor);
        if (!open.isEmpty()) {
            closed = Math.min(closed, open.firstEntry().getElement());
        }
        floor = Math.max(floor, closed);
        return closed;
    }

    /** Batches holding the closed timestamp back. */
    synchronized int holds() {
        return open.size();
    }
}
