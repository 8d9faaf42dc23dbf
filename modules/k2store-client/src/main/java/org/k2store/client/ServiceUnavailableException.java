package org.k2store.client;

import java.time.Duration;
import java.util.Optional;
import org.k2store.api.StoreUnavailableException;

/**
 * The service or its Cassandra was overloaded or unreachable (429, 502-504, or no connection) and
 * the retries the client allows were spent. Carries the service's {@code Retry-After} hint, so a
 * caller that schedules its own work knows when to come back.
 */
public final class ServiceUnavailableException extends StoreUnavailableException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Duration retryAfter;

    public ServiceUnavailableException(int status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 when no answer arrived at all. */
    public int status() {
        return status;
    }

    /** How long the service asked callers to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
