package org.k2store.server.console;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The browser-facing headers of every console answer, set before the answer is made so that error
 * answers carry them too. The page loads only its own files and calls only its own origin, with no
 * inline script or style, so the policy allows 'self' and nothing else; no site may frame it
 * (clickjacking the token field), no response is sniffed into another type, and no referrer leaves.
 * The JSON answers get a policy that allows nothing at all and are never stored by a cache: they
 * are one tenant's figures, fetched with its token.
 */
public final class ConsoleHeadersFilter implements Filter {

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final boolean data;

    private ConsoleHeadersFilter(boolean data) {
        this.data = data;
    }

    /** For the page and its files at /console/. */
    public static ConsoleHeadersFilter page() {
        return new ConsoleHeadersFilter(false);
    }

    /** For the /v1/console JSON calls. */
    public static ConsoleHeadersFilter data() {
        return new ConsoleHeadersFilter(true);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("Content-Security-Policy", data ? DATA_POLICY : PAGE_POLICY);
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Referrer-Policy", "no-referrer");
        if (data) {
            http.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
