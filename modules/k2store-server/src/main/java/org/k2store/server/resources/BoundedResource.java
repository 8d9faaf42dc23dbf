package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.k2store.api.DhtArc;
import org.k2store.api.Timestamp;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.wire.QueryParams;
import org.k2store.server.wire.SpaceName;

/**
 * retrieve_op_ids_bounded, gossip's paging by stored time and byte budget. Every u32 budget is
 * served, exactly as the contract answers it (kitsune2 and Holochain ask u32::MAX); the answer is
 * streamed, {@code limits.boundedStepIds} ids read from the store per step, so server memory does
 * not grow with the budget or with how many zero-size ops fit it.
 */
@Path("/v1/spaces/{space}")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class BoundedResource {

    private final SpaceStores stores;
    private final StoreCalls calls;
    private final int stepIds;

    public BoundedResource(SpaceStores stores, StoreCalls calls, int stepIds) {
        this.stores = stores;
        this.calls = calls;
        this.stepIds = stepIds;
    }

    @GET
    @Path("bounded")
    @Timed(name = "retrieve_op_ids_bounded")
    public Response bounded(@PathParam("space") String space, @QueryParam("arc") String arc, @QueryParam("start") String start,
            @QueryParam("limit_bytes") String limitBytes, @Context HttpServletRequest request) {
        String name = SpaceName.parse(space);
        DhtArc parsedArc = QueryParams.arc(arc, "arc");
        Timestamp from = QueryParams.timestamp(start, "start");
        long limit = QueryParams.limitBytes(limitBytes, "limit_bytes");
        MeteredStore store = stores.open(name);
        return Response.ok(BoundedStream.start(store, calls, parsedArc, from, limit, stepIds, StreamAbort.of(request)), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
