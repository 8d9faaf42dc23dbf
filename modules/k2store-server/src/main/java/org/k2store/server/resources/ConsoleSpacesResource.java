package org.k2store.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.k2store.api.InvalidInputException;
import org.k2store.server.auth.RequestTenant;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.console.ConsoleAnswers;
import org.k2store.server.console.ConsoleReads;
import org.k2store.server.console.SpaceDirectory;

/** The ring console's space list: the spaces the caller's tenant may use, with ops, bytes and ingest rate. */
@Path("/v1/console/spaces")
@TenantScoped
@Produces(MediaType.APPLICATION_JSON)
public final class ConsoleSpacesResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final SpaceDirectory directory;
    private final ConsoleReads reads;
    private final StoreCalls calls;

    public ConsoleSpacesResource(SpaceDirectory directory, ConsoleReads reads, StoreCalls calls) {
        this.directory = directory;
        this.reads = reads;
        this.calls = calls;
    }

    @GET
    @Timed(name = "console_spaces")
    public Response list(@Context ContainerRequestContext request, @QueryParam("limit") String limit) {
        int max = limit(limit);
        SpaceDirectory.Listing listing = calls.await(directory.visibleTo(RequestTenant.of(request), max));
        long now = reads.nowMicros();
        List<ConsoleReads.SpaceRows> rows = calls.await(reads.summaries(
                listing.spaces().stream().map(SpaceDirectory.Listed::uid).toList(), now));
        List<ConsoleAnswers.SpaceRow> answer = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            answer.add(ConsoleAnswers.SpaceRow.of(listing.spaces().get(i).name(), rows.get(i), now));
        }
        return Response.ok(new ConsoleAnswers.Spaces(answer, listing.truncated())).build();
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw new InvalidInputException("limit: '" + (text.length() > 20 ? text.substring(0, 20) + "..." : text)
                    + "' is not a number in 1.." + MAX_LIMIT);
        }
        return Integer.parseInt(text);
    }
}
