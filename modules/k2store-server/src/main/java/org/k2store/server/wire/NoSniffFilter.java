package org.k2store.server.wire;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * X-Content-Type-Options: nosniff on every /v1 answer, so that a browser never reads a JSON or
 * octet-stream answer (which may echo what a caller stored) as HTML or script. Set before the
 * chain runs, so the limit filters' 429s and every error answer carry it too.
 */
public final class NoSniffFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        ((HttpServletResponse) response).setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }
}
