package org.k2store.server.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** 400 or 408 for a body that ended early or came too slowly; the connection is closed after. */
public final class BrokenBodyMapper implements ExceptionMapper<BrokenBodyException> {

    @Override
    public Response toResponse(BrokenBodyException e) {
        return Response.fromResponse(ApiErrors.of(e.status(), e.status() == 408 ? "request_timeout" : ApiErrors.INVALID_INPUT,
                e.getMessage())).header("Connection", "close").build();
    }
}
