package org.k2store.server.limits;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import org.k2store.server.config.LimitsConfig;
import org.k2store.server.errors.BodyTooLargeException;

/**
 * Enforces {@code limits.maxBodyBytes} before anything reads a body: a declared Content-Length over
 * the limit is refused at once (413), and every body is read through a stream that fails past the
 * limit, which also catches chunked uploads.
 */
@PreMatching
@Priority(100)
public final class BodyLimitFilter implements ContainerRequestFilter {

    private final BodyBounds bounds;

    public BodyLimitFilter(LimitsConfig limits) {
        this.bounds = BodyBounds.of(limits);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (RequestBytes.declared(declared) > bounds.maxBytes()) {
            throw new BodyTooLargeException(bounds.maxBytes());
        }
        boolean hasEntity;
        try {
            hasEntity = request.hasEntity(); // peeks at the body: a connection closed after the headers fails here
        } catch (RuntimeException e) {
            throw BoundedBody.broken(e);
        }
        if (hasEntity) {
            request.setEntityStream(new BoundedBody(request.getEntityStream(), bounds));
        }
    }
}
