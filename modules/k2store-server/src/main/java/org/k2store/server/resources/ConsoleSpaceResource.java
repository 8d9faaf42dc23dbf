package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.console.ConsoleAnswers;
import org.k2store.server.console.ConsoleReads;
import org.k2store.server.console.ConsoleWindow;
import org.k2store.server.console.RingFigures;
import org.k2store.server.console.SliceHashPresence;
import org.k2store.server.wire.SpaceName;

/**
 * The ring console's view of one space: per-sector figures over a time window, and which slices
 * have stored slice hashes. Authorised like every space call (BearerAuthFilter checks the
 * {@code space} path parameter against the tenant's grants before this runs).
 */
@Path("/v1/console/spaces/{space}")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class ConsoleSpaceResource {

    private final ConsoleReads reads;
    private final SliceHashPresence sliceHashes;
    private final StoreCalls calls;

    public ConsoleSpaceResource(ConsoleReads reads, SliceHashPresence sliceHashes, StoreCalls calls) {
        this.reads = reads;
        this.sliceHashes = sliceHashes;
        this.calls = calls;
    }

    /** {@code window}: {@code Nh}, {@code Nd} (at most 7d) or {@code all}; 24h when absent. */
    @GET
    @Path("ring")
    @Timed(name = "console_ring")
    public ConsoleAnswers.Ring ring(@PathParam("space") String space, @QueryParam("window") String window) {
        String name = SpaceName.parse(space);
        ConsoleWindow parsed = ConsoleWindow.parse(window, reads.nowMicros());
        UUID uid = calls.await(reads.uid(name));
        return ConsoleAnswers.Ring.of(name, parsed, RingFigures.of(calls.await(reads.window(uid, parsed))));
    }

    @GET
    @Path("slice-hashes")
    @Timed(name = "console_slice_hashes")
    public ConsoleAnswers.SliceHashes sliceHashes(@PathParam("space") String space) {
        String name = SpaceName.parse(space);
        UUID uid = calls.await(reads.uid(name));
        return ConsoleAnswers.SliceHashes.of(name, calls.await(sliceHashes.bySector(uid)), SliceHashPresence.PER_SECTOR);
    }
}
