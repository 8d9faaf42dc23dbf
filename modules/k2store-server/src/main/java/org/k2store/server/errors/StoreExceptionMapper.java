package org.k2store.server.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.k2store.api.InvalidInputException;
import org.k2store.api.K2StoreException;
import org.k2store.api.SpaceConflictException;
import org.k2store.api.StoreUnavailableException;
import org.k2store.api.UnknownSpaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's exceptions already say whose fault a failure was; this maps each to its status.
 * A store failure that is not the caller's (Cassandra down, timed out, failing) is a 503 with
 * Retry-After: the call is worth retrying, and nothing a client sent causes a 500.
 */
public final class StoreExceptionMapper implements ExceptionMapper<K2StoreException> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreExceptionMapper.class);

    private final int retryAfterSeconds;

    public StoreExceptionMapper(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Response toResponse(K2StoreException e) {
        if (e instanceof InvalidInputException) {
            return ApiErrors.of(400, ApiErrors.INVALID_INPUT, e.getMessage());
        }
        if (e instanceof UnknownSpaceException) {
            return ApiErrors.of(404, ApiErrors.UNKNOWN_SPACE, e.getMessage());
        }
        if (e instanceof SpaceConflictException) {
            return ApiErrors.of(409, ApiErrors.SPACE_CONFLICT, e.getMessage());
        }
        // The cause (driver messages, node addresses) stays in the log: tenants get a plain answer.
        if (e instanceof StoreUnavailableException) {
            LOG.warn("store unavailable: {}", e.getMessage());
            return ApiErrors.retryLater(503, ApiErrors.UNAVAILABLE, "the store is unavailable for the moment; retry later", retryAfterSeconds);
        }
        LOG.error("store failed", e);
        return ApiErrors.retryLater(503, ApiErrors.UNAVAILABLE, "the store failed to answer; retry later", retryAfterSeconds);
    }
}
