package org.k2store.server.errors;

import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: a failure nothing else maps is a bug in the service, answered 500 with an id to
 * find its stack trace in the log. Tests send garbage to prove that no input reaches this.
 */
public final class UnexpectedExceptionMapper implements jakarta.ws.rs.ext.ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        // Jetty inflates "Content-Encoding: gzip" bodies and fails with a ZipException wrapped in a
        // RuntimeException when they are not gzip: the client's malformed body, not a bug.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ZipException) {
                return ApiErrors.of(400, ApiErrors.INVALID_INPUT, "body: Content-Encoding says gzip but the body is not valid gzip ("
                        + cause.getMessage() + ")");
            }
        }
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected failure {}", id, e);
        return ApiErrors.of(500, "internal_error", "internal error " + id + " (logged)");
    }
}
