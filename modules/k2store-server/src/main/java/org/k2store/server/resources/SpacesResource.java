package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.k2store.api.SpaceSettings;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.backend.StoreCalls;
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

    public SpacesResource(SpaceStores stores, StoreCalls calls) {
        this.stores = stores;
        this.calls = calls;
    }

    /** 201 when this call created the space, 200 when it existed with the same settings, 409 otherwise. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "create_space")
    public Response create(@PathParam("space") String space, InputStream body) {
        String name = SpaceName.parse(space);
        SpaceSettings settings = RequestBodies.spaceSettings(body);
        boolean created = stores.create(name, settings);
        return Response.status(created ? 201 : 200).entity(Answers.Space.of(settings, null)).build();
    }

    @GET
    @Timed(name = "get_space")
    public Answers.Space get(@PathParam("space") String space) {
        MeteredStore store = stores.open(SpaceName.parse(space));
        return Answers.Space.of(store.settings(), calls.await(store.queryTotalOpCount()));
    }
}
