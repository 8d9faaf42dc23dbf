package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
import org.k2store.api.SliceIndexes;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.errors.ApiErrors;
import org.k2store.server.wire.Answers;
import org.k2store.server.wire.QueryParams;
import org.k2store.server.wire.RequestBodies;
import org.k2store.server.wire.SpaceName;

/** The slice hashes gossip compares, keyed by the exact arc and a u64 slice index. */
@Path("/v1/spaces/{space}/slice-hashes/{arc}")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class SliceHashesResource {

    /** Hashes read per step while retrieve_slice_hashes streams. */
    static final int PAGE_ROWS = 1000;

    private final SpaceStores stores;
    private final StoreCalls calls;
    private final int maxSliceHashBytes;

    public SliceHashesResource(SpaceStores stores, StoreCalls calls, int maxSliceHashBytes) {
        this.stores = stores;
        this.calls = calls;
        this.maxSliceHashBytes = maxSliceHashBytes;
    }

    @PUT
    @Path("{index}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "store_slice_hash")
    public Response store(@PathParam("space") String space, @PathParam("arc") String arc, @PathParam("index") String index,
            InputStream body) {
        String name = SpaceName.parse(space);
        DhtArc parsedArc = QueryParams.arc(arc, "arc");
        long sliceIndex = SliceIndexes.parse(index, "index");
        MeteredStore store = stores.open(name);
        byte[] hash = RequestBodies.sliceHash(body);
        if (hash.length > maxSliceHashBytes) {
            throw new InvalidInputException("hash: " + hash.length + " bytes, above this service's limit of " + maxSliceHashBytes
                    + " bytes (limits.maxSliceHashBytes)");
        }
        calls.await(store.storeSliceHash(parsedArc, sliceIndex, hash));
        return Response.noContent().build();
    }

    /** The stored hash, or 404 with reason {@code slice_hash_not_found} (an unknown space is {@code unknown_space}). */
    @GET
    @Path("{index}")
    @Timed(name = "retrieve_slice_hash")
    public Response retrieve(@PathParam("space") String space, @PathParam("arc") String arc, @PathParam("index") String index) {
        String name = SpaceName.parse(space);
        DhtArc parsedArc = QueryParams.arc(arc, "arc");
        long sliceIndex = SliceIndexes.parse(index, "index");
        MeteredStore store = stores.open(name);
        Optional<byte[]> hash = calls.await(store.retrieveSliceHash(parsedArc, sliceIndex));
        return hash.map(h -> Response.ok(Answers.Hash.of(h)).build())
                .orElseGet(() -> ApiErrors.of(404, ApiErrors.SLICE_HASH_NOT_FOUND,
                        "index: no slice hash stored for arc " + parsedArc + " and index " + SliceIndexes.toString(sliceIndex)));
    }

    @GET
    @Timed(name = "retrieve_slice_hashes")
    public Response retrieveAll(@PathParam("space") String space, @PathParam("arc") String arc,
            @Context HttpServletRequest request) {
        String name = SpaceName.parse(space);
        DhtArc parsedArc = QueryParams.arc(arc, "arc");
        MeteredStore store = stores.open(name);
        return Response.ok(SliceHashesStream.start(store, calls, parsedArc, PAGE_ROWS, StreamAbort.of(request)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("count")
    @Timed(name = "slice_hash_count")
    public Answers.Count count(@PathParam("space") String space, @PathParam("arc") String arc) {
        String name = SpaceName.parse(space);
        DhtArc parsedArc = QueryParams.arc(arc, "arc");
        MeteredStore store = stores.open(name);
        return Answers.Count.of(calls.await(store.sliceHashCount(parsedArc)));
    }
}
