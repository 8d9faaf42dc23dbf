package org.k2store.server.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.k2store.server.errors.ApiErrors;
import org.k2store.server.wire.SpaceName;

/**
 * Authenticates every API call (401) and checks the space in its path against the tenant's grants
 * (403) BEFORE any resource runs, so no lookup happens for a space the caller may not use and one
 * tenant cannot even learn whether another tenant's space exists. The tenant stays on the request
 * ({@link RequestTenant}) for the resources that need its name or grants.
 */
@TenantScoped
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {

    private final Tenants tenants;

    public BearerAuthFilter(Tenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Tenant> tenant = RequestTenant.resolve(request, tenants);
        if (tenant.isEmpty()) {
            request.abortWith(ApiErrors.of(401, ApiErrors.UNAUTHENTICATED, header == null
                    ? "authorization: missing; send 'Authorization: Bearer <token>' (token-less access is only for requests to a loopback Host with no forwarding headers)"
                    : "authorization: not a valid bearer token"));
            return;
        }
        String raw = request.getUriInfo().getPathParameters().getFirst("space");
        if (raw == null) {
            return;
        }
        String space = SpaceName.parse(raw);
        if (!tenant.get().mayUse(space)) {
            request.abortWith(ApiErrors.of(403, ApiErrors.FORBIDDEN,
                    "space: '" + space + "' is not granted to tenant '" + tenant.get().name() + "'"));
        }
    }
}
