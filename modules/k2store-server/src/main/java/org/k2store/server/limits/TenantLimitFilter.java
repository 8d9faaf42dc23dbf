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
import java.util.Optional;
import org.k2store.server.auth.RequestTenant;
import org.k2store.server.auth.Tenant;
import org.k2store.server.auth.Tenants;
import org.k2store.server.errors.ApiErrors;

/**
 * Fairness between tenants: each authenticated request passes its tenant's {@link TenantLimiter}
 * or is answered 429 with Retry-After at once. A servlet filter, like the global in-flight cap, so
 * that a streamed answer holds its tenant's permit until its last byte; it runs before the global
 * cap, so a flooding tenant's refused requests never take permits the other tenants need.
 * Requests without a valid token get a share per client address ({@link AddressLimiters}) before
 * the bearer filter answers them 401, so callers without a credential cannot take every slot.
 */
public final class TenantLimitFilter implements Filter {

    private final Tenants tenants;
    private final TenantLimiters limiters;
    private final AddressLimiters unauthenticated;
    private final ObjectMapper json;

    public TenantLimitFilter(Tenants tenants, TenantLimiters limiters, AddressLimiters unauthenticated, ObjectMapper json) {
        this.tenants = tenants;
        this.limiters = limiters;
        this.unauthenticated = unauthenticated;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<Tenant> tenant = RequestTenant.resolve(http, tenants, http::getHeader);
        TenantLimiter limiter = tenant.isPresent() ? limiters.of(tenant.get().name()) : unauthenticated.of(http.getRemoteAddr());
        Optional<TenantLimiter.Rejection> rejection = limiter.tryEnter();
        if (rejection.isPresent()) {
            refuse(http, (HttpServletResponse) response, rejection.get());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            limiter.exit();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, TenantLimiter.Rejection rejection) throws IOException {
        response.setHeader("Retry-After", Integer.toString(rejection.retryAfterSeconds()));
        ApiErrors.write(request, response, json, 429, rejection.reason(), rejection.message());
    }
}
