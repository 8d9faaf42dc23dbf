package org.k2store.server.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** JSON that Jackson could not read anywhere in request handling is the caller's malformed body: 400. */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return ApiErrors.of(400, ApiErrors.INVALID_INPUT, "body: not valid JSON (" + e.getOriginalMessage() + ")");
    }
}
