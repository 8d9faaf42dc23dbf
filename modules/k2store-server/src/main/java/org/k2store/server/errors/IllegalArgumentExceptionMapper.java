package org.k2store.server.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Values the API types refuse (an arc bound out of range, a negative window...) surface as
 * IllegalArgumentException from library code; they come from the request, so they are a 400.
 */
public final class IllegalArgumentExceptionMapper implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException e) {
        return ApiErrors.of(400, ApiErrors.INVALID_INPUT, e.getMessage());
    }
}
