package org.k2store.server.wire;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.Map;
import org.k2store.api.InvalidInputException;

/**
 * A query parameter given twice ({@code ?start=0&start=99}) is a 400 naming it. Jersey would take
 * the first value silently, while a proxy or gateway in front of the service may check or log the
 * last one: two readers of one request must never see different arcs or bounds.
 */
@PreMatching
@Priority(110)
public final class RepeatedQueryFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getRequestUri().getRawQuery() == null) {
            return; // most calls (every POST and PUT of the API) carry none
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            if (parameter.getValue().size() > 1) {
                throw new InvalidInputException(QueryParams.abbreviate(parameter.getKey()) + ": given " + parameter.getValue().size()
                        + " times; send each query parameter once");
            }
        }
    }
}
