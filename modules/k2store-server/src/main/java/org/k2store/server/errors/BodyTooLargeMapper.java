package org.k2store.server.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * 413 for a body over {@code limits.maxBodyBytes}. The rest of the body is never read, so the
 * connection cannot carry another request: the answer says {@code Connection: close}, or a client
 * would put it back in its pool and send its next request into a socket the service is closing
 * (seen as "no bytes received" on a POST, which clients do not retry).
 */
public final class BodyTooLargeMapper implements ExceptionMapper<BodyTooLargeException> {

    @Override
    public Response toResponse(BodyTooLargeException e) {
        return Response.fromResponse(ApiErrors.of(413, ApiErrors.BODY_TOO_LARGE, e.getMessage())).header("Connection", "close").build();
    }
}
