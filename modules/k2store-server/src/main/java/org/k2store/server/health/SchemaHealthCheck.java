package org.k2store.server.health;

import com.codahale.metrics.health.HealthCheck;
import com.datastax.oss.driver.api.core.CqlSession;
import org.k2store.cassandra.Schema;
import org.k2store.server.backend.CassandraBackend;

/**
 * Is every table of the schema in place, at the schema version this code knows? Tables are read from
 * the driver's schema metadata, which it keeps current itself; the applied version is one read of the
 * one-partition {@code schema_migrations} table. Healthy names the version. Unhealthy lists what is
 * missing or says the keyspace is behind (the {@code schema-apply} task or the {@code schema apply}
 * command upgrades it), or that it is recorded at a version newer than this code knows, which this
 * code must not run against.
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
        Schema.Status status = Schema.status(session, backend.config());
        return status.isCurrent() ? Result.healthy(status.message()) : Result.unhealthy(status.message());
    }
}
