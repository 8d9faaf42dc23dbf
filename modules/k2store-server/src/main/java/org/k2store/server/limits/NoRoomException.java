package org.k2store.server.limits;

/**
 * A charge that found no room in the {@link BytesInFlight} budget within its wait. The service is
 * busy, not failing: callers see the same 503 {@code overloaded} a body refused by
 * {@link BytesInFlightFilter} gets, not the store's {@code unavailable}.
 */
public final class NoRoomException extends RuntimeException {

    public NoRoomException(String message) {
        super(message, null, false, false);
    }
}
