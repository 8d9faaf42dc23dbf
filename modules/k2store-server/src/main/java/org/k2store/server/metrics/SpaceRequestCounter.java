package org.k2store.server.metrics;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.k2store.api.InvalidInputException;
import org.k2store.server.auth.TenantScoped;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.wire.SpaceName;

/**
 * Counts an API call against its space once it has been answered, and only when the space exists
 * (its store is open in this process): calls naming unknown spaces, however many, register nothing.
 */
@TenantScoped
@Priority(Priorities.USER)
public final class SpaceRequestCounter implements ContainerResponseFilter {

    private final SpaceStores stores;
    private final SpaceMetrics metrics;

    public SpaceRequestCounter(SpaceStores stores, SpaceMetrics metrics) {
        this.stores = stores;
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String raw = request.getUriInfo().getPathParameters().getFirst("space");
        if (raw == null || response.getStatus() == 401 || response.getStatus() == 403) {
            return;
        }
        String space;
        try {
            space = SpaceName.parse(raw);
        } catch (InvalidInputException e) {
            return;
        }
        if (stores.isOpen(space)) {
            metrics.request(space);
        }
    }
}
