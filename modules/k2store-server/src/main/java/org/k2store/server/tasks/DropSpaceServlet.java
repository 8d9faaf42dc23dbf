package org.k2store.server.tasks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.k2store.api.InvalidInputException;
import org.k2store.api.StoreUnavailableException;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.wire.SpaceName;

/**
 * {@code POST /tasks/drop-space?space=<base64url>} on the admin port: forgets a space (its name is
 * free again, its data unreachable). An operator action, so it lives on the admin port, not in the
 * tenant API. Other service nodes stop serving it once their cached store of it is revalidated
 * ({@code storeCache.revalidateAfter}).
 * A servlet rather than a Dropwizard task because a task can only answer 200 or 500 with its
 * exception's stack trace, and a mistyped space id is the caller's error: a 400 naming it.
 */
public final class DropSpaceServlet extends HttpServlet {

    /** Mapped exactly, so it takes precedence over Dropwizard's {@code /tasks/*}. */
    public static final String PATH = "/tasks/drop-space";

    private static final long serialVersionUID = 1L;

    private final transient SpaceStores stores;

    public DropSpaceServlet(SpaceStores stores) {
        this.stores = stores;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] spaces = request.getParameterValues("space");
        if (spaces == null || spaces.length != 1) {
            answer(response, 400, "give exactly one space parameter: ?space=<base64url space id>");
            return;
        }
        String space;
        try {
            space = SpaceName.parse(spaces[0]);
        } catch (InvalidInputException e) {
            answer(response, 400, e.getMessage());
            return;
        }
        try {
            answer(response, 200, stores.drop(space) ? "dropped space " + space : "no space " + space);
        } catch (StoreUnavailableException e) {
            answer(response, 503, "Cassandra is unavailable; the space was not dropped, try again");
        }
    }

    private static void answer(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().println(text);
    }
}
