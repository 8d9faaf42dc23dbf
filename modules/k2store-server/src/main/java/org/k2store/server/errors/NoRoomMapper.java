package org.k2store.server.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.k2store.server.limits.NoRoomException;

/** A request that waited for room in the bytes-in-flight budget and found none: 503 overloaded, with Retry-After. */
public final class NoRoomMapper implements ExceptionMapper<NoRoomException> {

    private final int retryAfterSeconds;

    public NoRoomMapper(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Response toResponse(NoRoomException e) {
        return ApiErrors.retryLater(503, ApiErrors.OVERLOADED, e.getMessage() + "; retry after " + retryAfterSeconds + " s",
                retryAfterSeconds);
    }
}
