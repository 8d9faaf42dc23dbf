package org.k2store.server.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** 413 for a body over {@code limits.maxBodyBytes}. */
public final class BodyTooLargeMapper implements ExceptionMapper<BodyTooLargeException> {

    @Override
    public Response toResponse(BodyTooLargeException e) {
        return ApiErrors.of(413, ApiErrors.BODY_TOO_LARGE, e.getMessage());
    }
}
