package org.k2store.server.health;

import com.codahale.metrics.health.HealthCheck;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.google.common.base.Suppliers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.k2store.server.backend.CassandraBackend;

/**
 * Is Cassandra answering? One real, cheap query ({@code SELECT release_version FROM system.local})
 * with a short timeout, at most once per interval: the answer is cached, so however often the
 * admin port is polled, Cassandra sees one probe per interval.
 */
public final class CassandraHealthCheck extends HealthCheck {

    private final CassandraBackend backend;
    private final Duration timeout;
    private final Supplier<Result> cached;

    public CassandraHealthCheck(CassandraBackend backend, Duration interval, Duration timeout) {
        this.backend = backend;
        this.timeout = timeout;
        this.cached = Suppliers.memoizeWithExpiration(this::probe, Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    protected Result check() {
        return cached.get();
    }

    private Result probe() {
        CqlSession session = backend.sessionOrNull();
        if (session == null) {
            return Result.unhealthy("not connected to Cassandra");
        }
        try {
            Row row = session.execute(SimpleStatement.newInstance("SELECT release_version FROM system.local").setTimeout(timeout)).one();
            return Result.healthy("Cassandra " + (row == null ? "?" : row.getString(0)));
        } catch (RuntimeException e) {
            return Result.unhealthy("Cassandra did not answer: " + e.getMessage());
        }
    }
}
