package org.k2store.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.k2store.server.errors.ApiErrors;

/**
 * Refuses on the API port what a browser sends from another site ({@link CrossSiteRequests}), with
 * a 403 before authentication, limits or the store see it. Without it a page could still have a
 * browser POST a JSON body to a token-less loopback service (no preflight is needed to send one,
 * only to read the answer); the console's own page calls from its own origin and passes.
 */
public final class CrossSiteFilter implements Filter {

    private final ObjectMapper json;

    public CrossSiteFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<String> refusal = CrossSiteRequests.refusal("API port", http.getHeader("Host"), http.getHeader("Origin"),
                http.getHeader("Sec-Fetch-Site"));
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setHeader("X-Content-Type-Options", "nosniff");
        ApiErrors.write(http, answer, json, 403, ApiErrors.reasonFor(403), refusal.get());
    }
}
