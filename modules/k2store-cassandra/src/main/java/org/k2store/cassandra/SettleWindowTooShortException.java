package org.k2store.cassandra;

/**
 * The settle window cannot hold the node's write timeout, the clock skew and a second of writing,
 * so the paging promise could not be kept: a configuration error, not an outage. The service
 * refuses to start on it rather than answer 503 for ever.
 */
public final class SettleWindowTooShortException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    SettleWindowTooShortException(String message) {
        super(message);
    }
}
