package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.k2store.server.auth.RequestTenant;
import org.k2store.server.auth.Tenant;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.console.ServiceFigures;
import org.k2store.server.errors.ApiErrors;

/**
 * The ring console's live panel: this service node's figures from its metrics. Whole-service
 * figures mix every tenant's traffic, so only a tenant granted every space may read them (403
 * otherwise).
 */
@Path("/v1/console/service")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class ConsoleServiceResource {

    private final ServiceFigures figures;

    public ConsoleServiceResource(ServiceFigures figures) {
        this.figures = figures;
    }

    @GET
    @Timed(name = "console_service")
    public Response get(@Context ContainerRequestContext request) {
        Tenant tenant = RequestTenant.of(request);
        if (!tenant.seesWholeService()) {
            return ApiErrors.of(403, ApiErrors.FORBIDDEN, "authorization: service figures need a tenant granted every space (\"*\"); tenant '"
                    + tenant.name() + "' is not");
        }
        return Response.ok(figures.read()).build();
    }
}
