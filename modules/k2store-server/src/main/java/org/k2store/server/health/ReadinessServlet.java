package org.k2store.server.health;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.k2store.cassandra.Schema;
import org.k2store.server.backend.CassandraBackend;

/**
 * {@code GET /ready} on the admin port, the readiness probe: is this pod able to serve as well as
 * any other? A Cassandra outage is shared by every pod, and taking them all out of the Service then
 * leaves clients with refused connections instead of the designed 503 + Retry-After, so an
 * unreachable Cassandra does not make a pod unready. What does: a schema this pod cannot run
 * against (tables missing, the keyspace behind or ahead of this code), which is this pod's problem
 * (a rolling upgrade before its migration, a wrong keyspace). {@code /healthcheck} still reports
 * Cassandra, for alerts.
 */
public final class ReadinessServlet extends HttpServlet {

    public static final String PATH = "/ready";

    private static final long serialVersionUID = 1L;

    private final transient CassandraBackend backend;

    public ReadinessServlet(CassandraBackend backend) {
        this.backend = backend;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> unready = unreadyReason();
        response.setStatus(unready.isEmpty() ? 200 : 503);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().println(unready.orElse("ready"));
    }

    /** Why this pod should get no traffic, or empty. */
    Optional<String> unreadyReason() {
        var session = backend.sessionOrNull();
        if (session == null) {
            return Optional.empty(); // not connected yet or Cassandra down: answer 503s like every pod
        }
        Schema.Status status;
        try {
            status = Schema.status(session, backend.config());
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
        return status.isCurrent() ? Optional.empty() : Optional.of(status.message());
    }
}
