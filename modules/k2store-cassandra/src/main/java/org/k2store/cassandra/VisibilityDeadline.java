package org.k2store.cassandra;

import java.time.Duration;
import org.k2store.api.StoreUnavailableException;

/**
 * The moment after which a batch's index rows must not be sent any more (see {@link VisibilityBudget}).
 * Each request gets at most the time that is left as its timeout, so a write either lands within
 * the budget or fails.
 */
final class VisibilityDeadline {

    static final VisibilityDeadline NONE = new VisibilityDeadline(Long.MAX_VALUE, null);

    private final long atNanos;
    private final Duration budget;

    VisibilityDeadline(long atNanos, Duration budget) {
        this.atNanos = atNanos;
        this.budget = budget;
    }

    /**
     * The timeout for a request sent now: the request timeout, or less when the deadline is nearer.
     * Throws {@link StoreUnavailableException} once the deadline has passed.
     */
    Duration timeoutFor(Duration requestTimeout) {
        if (budget == null) {
            return requestTimeout;
        }
        long left = atNanos - System.nanoTime();
        if (left <= 0) {
            throw new StoreUnavailableException("the ops' index rows could not be written within " + budget.toMillis()
                    + " ms of their stamps (the settle window less Cassandra's write timeout and the clock skew allowed): "
                    + "Cassandra is too slow right now; nothing was made visible late, retry later", null);
        }
        return left < requestTimeout.toNanos() ? Duration.ofNanos(left) : requestTimeout;
    }
}
