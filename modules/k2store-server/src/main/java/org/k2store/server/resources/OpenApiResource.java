package org.k2store.server.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the hand-written OpenAPI 3 description of the v1 API, without authentication: it is the
 * contract every host implements against, not data. A test checks that it lists every route.
 */
@Path("/openapi.yaml")
public final class OpenApiResource {

    public static final String RESOURCE = "/org/k2store/server/openapi.yaml";

    private final byte[] document;

    public OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces({"application/yaml", "text/yaml", "text/plain"})
    public byte[] get() {
        return document.clone();
    }
}
