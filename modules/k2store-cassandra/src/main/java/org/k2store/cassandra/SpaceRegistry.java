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
    /** The layout new spaces get, and spaces that predate recorded layouts are given. */
    private final String configuredLayout;

    SpaceRegistry(CqlSession session, Statements statements, String configuredLayout) {
        this.session = session;
        this.statements = statements;
        this.configuredLayout = configuredLayout;
    }

    /** The space, created now if it did not exist; {@code created} says which. */
    CompletableFuture<Created> create(String name, SpaceSettings settings) {
        UUID uid = UUID.randomUUID();
        return session.executeAsync(statements.insertSpace.bind(name, uid, settings.codec().wireName(),
                        settings.location().wireName(), Instant.now(), configuredLayout))
                .toCompletableFuture()
                .thenCompose(result -> {
                    if (result.wasApplied()) {
                        return CompletableFuture.completedFuture(new Created(new SpaceHandle(name, uid, settings, configuredLayout), true));
                    }
                    Row row = result.one();
                    if (row.isNull("layout")) {
                        return recordLayout(name).thenApply(layout -> checked(handle(name, row, layout), settings));
                    }
                    return CompletableFuture.completedFuture(checked(handle(name, row, row.getString("layout")), settings));
                });
    }

    /** The existing space, when it has the settings asked for; SpaceConflictException otherwise. */
    private static Created checked(SpaceHandle existing, SpaceSettings settings) {
        if (!existing.settings().equals(settings)) {
            throw new SpaceConflictException("space '" + existing.name() + "' exists with codec " + existing.settings().codec()
                    + " and location " + existing.settings().location() + "; it cannot be re-created with codec "
                    + settings.codec() + " and location " + settings.location());
        }
        return new Created(existing, false);
    }

    CompletableFuture<Optional<SpaceHandle>> find(String name) {
        return session.executeAsync(statements.selectSpace.bind(name)).toCompletableFuture().thenCompose(result -> {
            Row row = result.one();
            if (row == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            if (row.isNull("layout")) {
                return recordLayout(name).thenApply(layout -> Optional.of(handle(name, row, layout)));
            }
            return CompletableFuture.completedFuture(Optional.of(handle(name, row, row.getString("layout"))));
        });
    }

    /**
     * Records the configured layout for a space created before layouts were recorded (its rows were
     * written with the configuration of that time, which the README said must never change), and
     * answers the layout that holds: ours, or the one another node recorded first.
     */
    private CompletableFuture<String> recordLayout(String name) {
        return session.executeAsync(statements.recordSpaceLayout.bind(configuredLayout, name)).toCompletableFuture()
                .thenApply(result -> {
                    if (result.wasApplied()) {
                        return configuredLayout;
                    }
                    Row row = result.one();
                    return row != null && !row.isNull("layout") ? row.getString("layout") : configuredLayout;
                });
    }

    /**
     * Forgets the space: its name is free again and a new space of that name gets a new uid, so none
     * of the old data is reachable. The old rows stay until an operator truncates or they are purged.
     */
    CompletableFuture<Boolean> drop(String name) {
        return session.executeAsync(statements.deleteSpace.bind(name)).toCompletableFuture().thenApply(result -> result.wasApplied());
    }

    private static SpaceHandle handle(String name, Row row, String layout) {
        return new SpaceHandle(name, row.getUuid("space_uid"),
                new SpaceSettings(OpCodec.fromWireName(row.getString("codec")), LocationScheme.fromWireName(row.getString("location"))),
                layout);
    }

    /** The result of {@link #create}: the space and whether this call created it. */
    record Created(SpaceHandle space, boolean created) {
    }
}
