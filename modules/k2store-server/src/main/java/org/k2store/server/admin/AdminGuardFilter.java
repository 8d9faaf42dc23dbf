package org.k2store.server.admin;

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

/** Applies {@link AdminRequestGuard} to every request of the admin port, before any servlet. */
public final class AdminGuardFilter implements Filter {

    private final AdminRequestGuard guard;
    private final ObjectMapper json;

    public AdminGuardFilter(AdminRequestGuard guard, ObjectMapper json) {
        this.guard = guard;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String path = http.getServletPath() + (http.getPathInfo() == null ? "" : http.getPathInfo());
        Optional<AdminRequestGuard.Refusal> refusal = guard.check(path, http::getHeader);
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        int status = refusal.get().status();
        answer.setHeader("X-Content-Type-Options", "nosniff");
        if (status == 401) {
            answer.setHeader("WWW-Authenticate", "Bearer realm=\"k2store-admin\"");
        }
        ApiErrors.write(http, answer, json, status, ApiErrors.reasonFor(status), refusal.get().message());
    }
}
