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
import org.k2store.server.wire.Answers;
import org.k2store.server.wire.QueryParams;
import org.k2store.server.wire.SpaceName;

/** Ops by creation time in an arc: retrieve_op_hashes_in_time_slice (streamed) and earliest_timestamp_in_arc. */
@Path("/v1/spaces/{space}")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class TimeSliceResource {

    private final SpaceStores stores;
    private final StoreCalls calls;
    private final int chunkIds;

    public TimeSliceResource(SpaceStores stores, StoreCalls calls, int chunkIds) {
        this.stores = stores;
        this.calls = calls;
        this.chunkIds = chunkIds;
    }

    @GET
    @Path("time-slice")
    @Timed(name = "retrieve_op_hashes_in_time_slice")
    public Response timeSlice(@PathParam("space") String space, @QueryParam("arc") String arc, @QueryParam("start") String start,
            @QueryParam("end") String end, @Context HttpServletRequest request) {
        String name = SpaceName.parse(space);
        DhtArc parsedArc = QueryParams.arc(arc, "arc");
        Timestamp from = QueryParams.timestamp(start, "start");
        Timestamp until = QueryParams.timestamp(end, "end");
        MeteredStore store = stores.open(name);
        return Response.ok(TimeSliceStream.start(store, calls, parsedArc, from, until, chunkIds,
                StreamAbort.of(request)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("earliest")
    @Timed(name = "earliest_timestamp_in_arc")
    public Answers.Earliest earliest(@PathParam("space") String space, @QueryParam("arc") String arc) {
        String name = SpaceName.parse(space);
        DhtArc parsedArc = QueryParams.arc(arc, "arc");
        MeteredStore store = stores.open(name);
        return new Answers.Earliest(calls.await(store.earliestTimestampInArc(parsedArc)).map(Timestamp::micros).orElse(null));
    }
}
