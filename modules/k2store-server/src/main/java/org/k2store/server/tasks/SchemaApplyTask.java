package org.k2store.server.tasks;

import com.datastax.oss.driver.api.core.CqlSession;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.k2store.cassandra.Schema;
import org.k2store.server.backend.CassandraBackend;

/**
 * {@code POST /tasks/schema-apply} on the admin port: applies the schema again (every statement is
 * IF NOT EXISTS) and the migrations the keyspace does not record yet, for a keyspace that was dropped
 * or tables added by an upgrade, without a restart. Prints the schema version applied.
 */
public final class SchemaApplyTask extends Task {

    private final CassandraBackend backend;

    public SchemaApplyTask(CassandraBackend backend) {
        super("schema-apply");
        this.backend = backend;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        CqlSession session = backend.sessionOrNull();
        if (session == null) {
            throw new IllegalStateException("not connected to Cassandra");
        }
        // Refuses (NewerSchemaException, changing nothing) a keyspace recorded at a newer version than this code knows.
        Schema.apply(session, backend.config());
        Schema.Status status = Schema.status(session, backend.config());
        output.println(status.isCurrent()
                ? "schema applied to keyspace " + backend.config().getKeyspace() + ", schema version " + status.knownVersion()
                : "schema applied, but " + status.message());
    }
}
