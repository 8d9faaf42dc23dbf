package org.k2store.server.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey's own refusals (unknown route 404, 405, 406, 415, ...) in the API's JSON error shape
 * instead of Jersey's HTML or empty bodies.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String message = switch (status) {
            case 404 -> "no such resource (see /openapi.yaml)";
            case 405 -> "method not allowed on this resource";
            case 415 -> "body: unsupported content type, send application/json";
            case 406 -> "the API answers application/json only";
            default -> e.getMessage();
        };
        Response response = ApiErrors.of(status, ApiErrors.reasonFor(status), message);
        if (status == 405 && e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }
}
