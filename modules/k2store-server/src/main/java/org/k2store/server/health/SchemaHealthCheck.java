package org.k2store.server.health;

import com.codahale.metrics.health.HealthCheck;
import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import org.k2store.cassandra.Schema;
import org.k2store.server.backend.CassandraBackend;

/**
 * Is every table of the schema in place? Read from the driver's schema metadata, which it keeps
 * current itself, so this check costs Cassandra nothing. Unhealthy lists what is missing (the
 * {@code schema-apply} task or the {@code schema apply} command creates it).
 */
public final class SchemaHealthCheck extends HealthCheck {

    private final CassandraBackend backend;

    public SchemaHealthCheck(CassandraBackend backend) {
        this.backend = backend;
    }

    @Override
    protected Result check() {
        CqlSession session = backend.sessionOrNull();
        if (session == null) {
            return Result.unhealthy("not connected to Cassandra");
        }
        List<String> missing = Schema.missingTables(session, backend.config());
        return missing.isEmpty()
                ? Result.healthy("keyspace " + backend.config().getKeyspace() + " complete")
                : Result.unhealthy("missing: " + String.join(", ", missing));
    }
}
