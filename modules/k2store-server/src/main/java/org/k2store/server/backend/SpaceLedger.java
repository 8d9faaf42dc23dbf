package org.k2store.server.backend;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.k2store.server.config.AuthConfig;
import org.k2store.server.config.LimitsConfig;
import org.k2store.server.config.TenantConfig;

/**
 * The spaces each tenant created ({@code tenant_spaces}, and {@code space_creators} to find the
 * tenant again from the space), so that a tenant's spaces stay within its limit. A new space is
 * recorded under its tenant before it is created and the tenant's records are counted after: two
 * creations racing for the last room may both be refused (each counts the other) and retried, but
 * never both admitted past the limit. A record stays exactly while its space exists; a drop removes it, giving the
 * tenant the room back.
 */
public final class SpaceLedger {

    private final Map<String, Integer> limits = new HashMap<>();
    private final int defaultLimit;
    private final LazyStatement recordCreator;
    private final LazyStatement recordSpace;
    private final LazyStatement countSpaces;
    private final LazyStatement creators;
    private final LazyStatement removeSpace;
    private final LazyStatement removeCreator;
    private final LazyStatement removeCreators;

    public SpaceLedger(CassandraBackend backend, LimitsConfig limitsConfig, AuthConfig auth) {
        this.defaultLimit = limitsConfig.getMaxSpacesPerTenant();
        for (TenantConfig tenant : auth.getTenants()) {
            if (tenant.getMaxSpaces() != null) {
                limits.putIfAbsent(tenant.getName(), tenant.getMaxSpaces());
            }
        }
        this.recordCreator = statement(backend, "INSERT INTO %s.space_creators (space, tenant) VALUES (?, ?)");
        this.recordSpace = statement(backend, "INSERT INTO %s.tenant_spaces (tenant, space, created_at) VALUES (?, ?, ?)");
        this.countSpaces = statement(backend, "SELECT COUNT(*) FROM %s.tenant_spaces WHERE tenant = ?");
        this.creators = statement(backend, "SELECT tenant FROM %s.space_creators WHERE space = ?");
        this.removeSpace = statement(backend, "DELETE FROM %s.tenant_spaces WHERE tenant = ? AND space = ?");
        this.removeCreator = statement(backend, "DELETE FROM %s.space_creators WHERE space = ? AND tenant = ?");
        this.removeCreators = statement(backend, "DELETE FROM %s.space_creators WHERE space = ?");
    }

    /** The most spaces {@code tenant} may create; -1 for no limit. */
    public int limitOf(String tenant) {
        return limits.getOrDefault(tenant, defaultLimit);
    }

    /** How many spaces {@code tenant} has recorded. */
    public CompletableFuture<Long> count(String tenant) {
        return run(countSpaces, tenant).thenApply(result -> result.one().getLong(0));
    }

    /** Records {@code space} under {@code tenant} and answers how many spaces the tenant has recorded now, this one included. */
    public CompletableFuture<Long> record(String tenant, String space) {
        // The creator first: a drop that finds it can always remove the tenant's record too.
        return run(recordCreator, space, tenant)
                .thenCompose(ignored -> run(recordSpace, tenant, space, Instant.now()))
                .thenCompose(ignored -> count(tenant));
    }

    /** Takes back the record of a space {@code tenant} did not create after all. */
    public CompletableFuture<Void> release(String tenant, String space) {
        return run(removeSpace, tenant, space).thenCompose(ignored -> run(removeCreator, space, tenant)).thenApply(ignored -> null);
    }

    /** Removes every record of a dropped space, so its creator may create another. */
    public CompletableFuture<Void> forget(String space) {
        return run(creators, space).thenCompose(result -> {
            List<CompletableFuture<AsyncResultSet>> removals = new ArrayList<>();
            for (Row row : result.currentPage()) { // one row per tenant that recorded it: one, or a few after a race
                removals.add(run(removeSpace, row.getString(0), space));
            }
            return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new));
        }).thenCompose(ignored -> run(removeCreators, space)).thenApply(ignored -> null);
    }

    private static CompletableFuture<AsyncResultSet> run(LazyStatement statement, Object... values) {
        // Every statement here may be repeated safely: the driver may retry it.
        return statement.get().thenCompose(prepared -> statement.session().executeAsync(prepared.bind(values).setIdempotent(true))
                .toCompletableFuture());
    }

    private static LazyStatement statement(CassandraBackend backend, String cql) {
        return new LazyStatement(backend, keyspace -> SimpleStatement.newInstance(String.format(cql, keyspace)));
    }
}
