package org.k2store.server.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.k2store.server.errors.ApiErrors;

/**
 * The global cap on API requests in progress. Past it a request is answered 429 with Retry-After
 * at once instead of queueing: under overload a kitsune2 host backs off and retries, which is
 * cheaper for everyone than a growing queue of requests that time out anyway. Counted at the
 * servlet level, so a streaming answer holds its permit until its last byte is written.
 */
public final class InFlightLimitFilter implements Filter {

    private final Semaphore permits;
    private final int limit;
    private final int retryAfterSeconds;
    private final ObjectMapper json;

    public InFlightLimitFilter(int limit, int retryAfterSeconds, ObjectMapper json) {
        this.permits = new Semaphore(limit);
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!permits.tryAcquire()) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
            ApiErrors.write((HttpServletRequest) request, http, json, 429, ApiErrors.OVERLOADED,
                    "overloaded: more than " + limit + " requests in progress; retry after " + retryAfterSeconds + " s");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
