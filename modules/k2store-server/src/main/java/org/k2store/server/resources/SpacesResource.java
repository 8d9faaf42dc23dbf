package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.k2store.api.SpaceSettings;
import org.k2store.server.auth.RequestTenant;
import org.k2store.server.auth.Tenant;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.SpaceQuotaExceededException;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.errors.ApiErrors;
import org.k2store.server.wire.Answers;
import org.k2store.server.wire.RequestBodies;
import org.k2store.server.wire.SpaceName;

/** Creates spaces and tells their settings and size: {@code PUT} and {@code GET /v1/spaces/{space}}. */
@Path("/v1/spaces/{space}")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class SpacesResource {

    private final SpaceStores stores;
    private final StoreCalls calls;
    private final int retryAfterSeconds;

    public SpacesResource(SpaceStores stores, StoreCalls calls, int retryAfterSeconds) {
        this.stores = stores;
        this.calls = calls;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * 201 when this call created the space, 200 when it existed with the same settings, 409 otherwise;
     * 403 space_quota_exceeded when the tenant has created as many spaces as it may, 429 when its other
     * creations at the same time took the last room (a retry finds out whether any is left).
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "create_space")
    public Response create(@PathParam("space") String space, InputStream body, @Context ContainerRequestContext request) {
        String name = SpaceName.parse(space);
        SpaceSettings settings = RequestBodies.spaceSettings(body);
        Tenant tenant = RequestTenant.of(request);
        try {
            boolean created = stores.create(tenant.name(), name, settings);
            return Response.status(created ? 201 : 200).entity(Answers.Space.of(settings, null)).build();
        } catch (SpaceQuotaExceededException e) {
            return e.contended()
                    ? ApiErrors.retryLater(429, ApiErrors.CONCURRENCY_LIMITED, e.getMessage(), retryAfterSeconds)
                    : ApiErrors.of(403, ApiErrors.SPACE_QUOTA_EXCEEDED, e.getMessage());
        }
    }

    @GET
    @Timed(name = "get_space")
    public Answers.Space get(@PathParam("space") String space) {
        MeteredStore store = stores.open(SpaceName.parse(space));
        return Answers.Space.of(store.settings(), calls.await(store.queryTotalOpCount()));
    }
}
