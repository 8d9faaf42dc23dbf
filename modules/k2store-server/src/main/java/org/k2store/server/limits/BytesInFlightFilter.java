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
import org.k2store.server.errors.ApiErrors;

/**
 * Charges each request's body to the service's {@link BytesInFlight} before anything reads it:
 * 64 bodies of 14 MiB, each within every per-request limit, made a -Xmx512m service answer 500s
 * and 503s with OutOfMemoryError (the decoded ops of a call are held until Cassandra has them).
 * A body that does not fit waits, in arrival order, and after the budget's wait is answered 503
 * with Retry-After. The charge is held until the answer's last byte, like the in-flight permits.
 */
public final class BytesInFlightFilter implements Filter {

    private final BytesInFlight budget;
    private final RequestBytes charges;
    private final int retryAfterSeconds;
    private final ObjectMapper json;

    public BytesInFlightFilter(BytesInFlight budget, RequestBytes charges, int retryAfterSeconds, ObjectMapper json) {
        this.budget = budget;
        this.charges = charges;
        this.retryAfterSeconds = retryAfterSeconds;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        int charge = budget.kibOf(charges.of(http.getHeader("Content-Length"), http.getHeader("Transfer-Encoding")));
        if (charge == 0) {
            chain.doFilter(request, response);
            return;
        }
        if (!budget.take(charge)) {
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
            ApiErrors.write(http, answer, json, 503, ApiErrors.OVERLOADED,
                    budget.noRoomFor(charge) + "; retry after " + retryAfterSeconds + " s");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            budget.give(charge);
        }
    }
}
