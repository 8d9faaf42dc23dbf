package org.k2store.server.limits;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import org.k2store.server.errors.BodyTooLargeException;

/**
 * Enforces {@code limits.maxBodyBytes} before anything reads a body: a declared Content-Length over
 * the limit is refused at once (413), and every body is read through a stream that fails past the
 * limit, which also catches chunked uploads.
 */
@PreMatching
@Priority(100)
public final class BodyLimitFilter implements ContainerRequestFilter {

    private final long maxBodyBytes;

    public BodyLimitFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBodyBytes) {
            throw new BodyTooLargeException(maxBodyBytes);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new CappedInputStream(request.getEntityStream(), maxBodyBytes));
        }
    }
}
