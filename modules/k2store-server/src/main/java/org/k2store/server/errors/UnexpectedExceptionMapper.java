package org.k2store.server.errors;

import jakarta.ws.rs.core.Response;
import java.util.UUID;
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
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected failure {}", id, e);
        return ApiErrors.of(500, "internal_error", "internal error " + id + " (logged)");
    }
}
