package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.LocationScheme;
import org.k2store.api.SpaceConflictException;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.OpCodec;

/**
 * Creates and looks up spaces. Creation is a lightweight transaction, so two service nodes creating
 * the same space at once agree on one uid and one set of settings.
 */
final class SpaceRegistry {

    private final CqlSession session;
    private final Statements statements;

    SpaceRegistry(CqlSession session, Statements statements) {
        this.session = session;
        this.statements = statements;
    }

    /** The space, created now if it did not exist; {@code created} says which. */
    CompletableFuture<Created> create(String name, SpaceSettings settings) {
        UUID uid = UUID.randomUUID();
        return session.executeAsync(statements.insertSpace.bind(name, uid, settings.codec().wireName(),
                        settings.location().wireName(), Instant.now()))
                .toCompletableFuture()
                .thenCompose(result -> {
                    if (result.wasApplied()) {
                        return CompletableFuture.completedFuture(new Created(new SpaceHandle(name, uid, settings), true));
                    }
                    SpaceHandle existing = handle(name, result.one());
                    if (!existing.settings().equals(settings)) {
                        throw new SpaceConflictException("space '" + name + "' exists with codec " + existing.settings().codec()
                                + " and location " + existing.settings().location() + "; it cannot be re-created with codec "
                                + settings.codec() + " and location " + settings.location());
                    }
                    return CompletableFuture.completedFuture(new Created(existing, false));
                });
    }

    CompletableFuture<Optional<SpaceHandle>> find(String name) {
        return session.executeAsync(statements.selectSpace.bind(name)).toCompletableFuture()
                .thenApply(result -> Optional.ofNullable(result.one()).map(row -> handle(name, row)));
    }

    /**
     * Forgets the space: its name is free again and a new space of that name gets a new uid, so none
     * of the old data is reachable. The old rows stay until an operator truncates or they are purged.
     */
    CompletableFuture<Boolean> drop(String name) {
        return session.executeAsync(statements.deleteSpace.bind(name)).toCompletableFuture().thenApply(result -> result.wasApplied());
    }

    private static SpaceHandle handle(String name, Row row) {
        return new SpaceHandle(name, row.getUuid("space_uid"),
                new SpaceSettings(OpCodec.fromWireName(row.getString("codec")), LocationScheme.fromWireName(row.getString("location"))));
    }

    /** The result of {@link #create}: the space and whether this call created it. */
    record Created(SpaceHandle space, boolean created) {
    }
}
