package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.k2store.api.DhtArc;
import org.k2store.api.Timestamp;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.wire.Answers;
import org.k2store.server.wire.QueryParams;
import org.k2store.server.wire.SpaceName;

/**
 * retrieve_op_ids_bounded, gossip's paging by stored time and byte budget. A budget above
 * {@code limits.maxLimitBytes} is refused (400 naming limit_bytes) rather than clamped: a clamped
 * page would look to the caller like the contract's answer for the budget it asked.
 */
@Path("/v1/spaces/{space}")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class BoundedResource {

    private final SpaceStores stores;
    private final StoreCalls calls;
    private final long maxLimitBytes;

    public BoundedResource(SpaceStores stores, StoreCalls calls, long maxLimitBytes) {
        this.stores = stores;
        this.calls = calls;
        this.maxLimitBytes = maxLimitBytes;
    }

    @GET
    @Path("bounded")
    @Timed(name = "retrieve_op_ids_bounded")
    public Answers.Bounded bounded(@PathParam("space") String space, @QueryParam("arc") String arc, @QueryParam("start") String start,
            @QueryParam("limit_bytes") String limitBytes) {
        String name = SpaceName.parse(space);
        DhtArc parsedArc = QueryParams.arc(arc, "arc");
        Timestamp from = QueryParams.timestamp(start, "start");
        long limit = QueryParams.limitBytes(limitBytes, "limit_bytes", maxLimitBytes);
        MeteredStore store = stores.open(name);
        return Answers.Bounded.of(calls.await(store.retrieveOpIdsBounded(parsedArc, from, limit)));
    }
}
