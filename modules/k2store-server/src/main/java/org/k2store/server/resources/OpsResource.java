package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.k2store.api.DecodedOp;
import org.k2store.api.OpId;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.config.LimitsConfig;
import org.k2store.server.limits.BytesInFlight;
import org.k2store.server.metrics.SpaceMetrics;
import org.k2store.server.wire.Answers;
import org.k2store.server.wire.RequestBodies;
import org.k2store.server.wire.SpaceName;

/**
 * The ops of a space by id: process_incoming_ops, retrieve_ops, filter_out_existing_ops and the op
 * count. retrieve_ops streams its answer, since the ops it returns can be large.
 */
@Path("/v1/spaces/{space}")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class OpsResource {

    private final SpaceStores stores;
    private final StoreCalls calls;
    private final LimitsConfig limits;
    private final SpaceMetrics spaceMetrics;
    private final BytesInFlight bytesInFlight;

    public OpsResource(SpaceStores stores, StoreCalls calls, LimitsConfig limits, SpaceMetrics spaceMetrics, BytesInFlight bytesInFlight) {
        this.stores = stores;
        this.calls = calls;
        this.limits = limits;
        this.spaceMetrics = spaceMetrics;
        this.bytesInFlight = bytesInFlight;
    }

    @POST
    @Path("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "process_incoming_ops")
    public Answers.OpIds processIncomingOps(@PathParam("space") String space, InputStream body) {
        String name = SpaceName.parse(space);
        MeteredStore store = stores.open(name);
        List<DecodedOp> ops = RequestBodies.ops(body, store.settings(), limits.getMaxOpsPerBatch());
        List<OpId> ids = calls.await(store.processDecodedOps(ops));
        spaceMetrics.opsStored(name, ids.size());
        return Answers.OpIds.of(ids);
    }

    @POST
    @Path("ops/retrieve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "retrieve_ops")
    public Response retrieveOps(@PathParam("space") String space, InputStream body, @Context HttpServletRequest request) {
        MeteredStore store = stores.open(SpaceName.parse(space));
        List<OpId> ids = RequestBodies.opIds(body, limits.getMaxIdsPerRequest());
        // An op arrived in one request body, so none is larger than the body limit.
        RetrieveSteps retrieveSteps = new RetrieveSteps(limits.getRetrieveChunkOps(), limits.getRetrieveChunkBytes(),
                limits.getMaxBodyBytes());
        return Response.ok(RetrievedOpsStream.start(store, calls, ids, retrieveSteps, bytesInFlight, StreamAbort.of(request)), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @POST
    @Path("ops/filter-existing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "filter_out_existing_ops")
    public Answers.OpIds filterOutExistingOps(@PathParam("space") String space, InputStream body) {
        MeteredStore store = stores.open(SpaceName.parse(space));
        List<OpId> ids = RequestBodies.opIds(body, limits.getMaxIdsPerRequest());
        return Answers.OpIds.of(calls.await(store.filterOutExistingOps(ids)));
    }

    @GET
    @Path("op-count")
    @Timed(name = "query_total_op_count")
    public Answers.Count queryTotalOpCount(@PathParam("space") String space) {
        MeteredStore store = stores.open(SpaceName.parse(space));
        return Answers.Count.of(calls.await(store.queryTotalOpCount()));
    }
}
