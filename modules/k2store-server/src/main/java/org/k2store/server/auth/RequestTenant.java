package org.k2store.server.auth;

import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The tenant a request was authenticated as, kept on the request so the token is hashed once:
 * {@link org.k2store.server.limits.TenantLimitFilter} resolves it first (a servlet filter, before
 * Jersey), {@link BearerAuthFilter} reuses it, and the resources that need the tenant's name or
 * grants read it here. Jersey's request properties are the servlet request's attributes, which no
 * client can set.
 */
public final class RequestTenant {

    private static final String PROPERTY = RequestTenant.class.getName();

    private RequestTenant() {
    }

    /** Resolves the request's tenant once; later calls on the same request reuse the answer. */
    public static Optional<Tenant> resolve(ServletRequest request, Tenants tenants, UnaryOperator<String> header) {
        Object known = request.getAttribute(PROPERTY);
        if (known instanceof Resolved resolved) {
            return resolved.tenant();
        }
        Optional<Tenant> tenant = tenants.authenticate(header);
        request.setAttribute(PROPERTY, new Resolved(tenant));
        return tenant;
    }

    /** Like {@link #resolve(ServletRequest, Tenants, java.util.function.UnaryOperator)}, from inside Jersey. */
    static Optional<Tenant> resolve(ContainerRequestContext request, Tenants tenants) {
        Object known = request.getProperty(PROPERTY);
        if (known instanceof Resolved resolved) {
            return resolved.tenant();
        }
        Optional<Tenant> tenant = tenants.authenticate(request::getHeaderString);
        request.setProperty(PROPERTY, new Resolved(tenant));
        return tenant;
    }

    /**
     * The tenant of a request {@link BearerAuthFilter} let through (every {@link TenantScoped}
     * resource's). A request without one never reaches such a resource, so none is a bug.
     */
    public static Tenant of(ContainerRequestContext request) {
        Object known = request.getProperty(PROPERTY);
        if (known instanceof Resolved resolved && resolved.tenant().isPresent()) {
            return resolved.tenant().get();
        }
        throw new IllegalStateException("a request past authentication names no tenant");
    }

    /** Also remembers "no tenant", so a request with a bad token is not hashed twice either. */
    private record Resolved(Optional<Tenant> tenant) {
    }
}
