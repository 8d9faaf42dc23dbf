package org.k2store.cassandra;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long after its stamp an op's index rows may still be sent. A pager's bookmark trails the read
 * by the settle window, so an op must be visible within that window of its stamp or a pager may
 * already be past it. The window also has to hold Cassandra's own write timeout (a mutation sent
 * just before the budget ends may still be applied that much later) and the clock skew between
 * service nodes (another node's reader dates its bookmark with its own clock); what is left is the
 * budget. The write path checks it before each request and trims each request's timeout to it, so
 * the settle window's promise no longer depends on the driver's request timeout or on how long a
 * batch takes: a batch too slow for it fails (503, retry later; the retry heals or re-stamps).
 */
record VisibilityBudget(long nanos) {

    /** No settle window (one writer, nothing to protect): writes are never cut short. */
    static final VisibilityBudget UNLIMITED = new VisibilityBudget(Long.MAX_VALUE);
    /** Less than this and ordinary batches on a busy node would fail: the window is set too short. */
    static final Duration MINIMUM = Duration.ofSeconds(1);

    /**
     * The budget a settle window leaves; throws, naming every figure, when it leaves less than
     * {@link #MINIMUM}. A zero window means no guarantee is asked for (one writer, or a benchmark).
     */
    static VisibilityBudget of(Duration settleWindow, Duration serverWriteTimeout, Duration maxClockSkew) {
        if (settleWindow.isZero()) {
            return UNLIMITED;
        }
        Duration budget = settleWindow.minus(serverWriteTimeout).minus(maxClockSkew);
        if (budget.compareTo(MINIMUM) < 0) {
            throw new SettleWindowTooShortException("settleWindow " + settleWindow + " is too short: it must hold Cassandra's write timeout ("
                    + serverWriteTimeout + ", write_request_timeout of the node), maxClockSkew (" + maxClockSkew
                    + ") and at least " + MINIMUM + " for the writes themselves; set settleWindow to at least "
                    + serverWriteTimeout.plus(maxClockSkew).plus(MINIMUM));
        }
        return new VisibilityBudget(budget.toNanos());
    }

    boolean isUnlimited() {
        return nanos == Long.MAX_VALUE;
    }

    /**
     * Whether an unindexed op stamped {@code ageMicros} ago may still be indexed at its stamp: only
     * while at least half the budget is left, else it is re-stamped (a heal cut short by the deadline
     * would fail the call for nothing).
     */
    boolean leavesTimeToHeal(long ageMicros) {
        return isUnlimited() || TimeUnit.MICROSECONDS.toNanos(Math.max(0, ageMicros)) <= nanos / 2;
    }

    /** The deadline of ops stamped now whose stamps are {@code ageMicros} old already (0 for fresh stamps). */
    VisibilityDeadline startingNow(long ageMicros) {
        if (isUnlimited()) {
            return VisibilityDeadline.NONE;
        }
        long left = nanos - TimeUnit.MICROSECONDS.toNanos(Math.max(0, ageMicros));
        return new VisibilityDeadline(System.nanoTime() + left, Duration.ofNanos(nanos));
    }
}
