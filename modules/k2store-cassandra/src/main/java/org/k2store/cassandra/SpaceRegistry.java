package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.LocationScheme;
import org.k2store.api.SpaceConflictException;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoreUnavailableException;
import org.k2store.api.codec.OpCodec;

/**
 * Creates, looks up and drops spaces. Creation is a lightweight transaction, so two service nodes
 * creating the same space at once agree on one uid and one set of settings. A drop marks the name
 * row and queues the uid for purging; the name is refused for {@code recreateAfterDrop}, the time
 * other nodes may still serve the old uid from their caches, so a space is never split across two
 * uids. After that, creating it again mints a new uid in the same row.
 */
final class SpaceRegistry {

    /** Racing drops and re-creations can each make our conditional write miss; a few tries settle it. */
    private static final int RACE_ATTEMPTS = 3;

    private final CqlSession session;
    private final Statements statements;
    /** The layout new spaces get, and spaces that predate recorded layouts are given. */
    private final String configuredLayout;

    private final Duration recreateAfterDrop;

    SpaceRegistry(CqlSession session, Statements statements, String configuredLayout, Duration recreateAfterDrop) {
        this.session = session;
        this.statements = statements;
        this.configuredLayout = configuredLayout;
        this.recreateAfterDrop = recreateAfterDrop;
    }

    /** The space, created now if it did not exist; {@code created} says which. */
    CompletableFuture<Created> create(String name, SpaceSettings settings) {
        return create(name, settings, RACE_ATTEMPTS);
    }

    private CompletableFuture<Created> create(String name, SpaceSettings settings, int attempts) {
        UUID uid = UUID.randomUUID();
        return session.executeAsync(statements.insertSpace.bind(name, uid, settings.codec().wireName(),
                        settings.location().wireName(), Instant.now(), configuredLayout))
                .toCompletableFuture()
                .thenCompose(result -> {
                    if (result.wasApplied()) {
                        return CompletableFuture.completedFuture(new Created(new SpaceHandle(name, uid, settings, configuredLayout), true));
                    }
                    Row row = result.one();
                    if (!row.isNull("dropped_at")) {
                        return recreate(name, settings, row, attempts);
                    }
                    if (row.isNull("layout")) {
                        return recordLayout(name).thenApply(layout -> checked(handle(name, row, layout), settings));
                    }
                    return CompletableFuture.completedFuture(checked(handle(name, row, row.getString("layout")), settings));
                });
    }

    /** A dropped name: refused while nodes may still serve the old uid, then given a new uid in place. */
    private CompletableFuture<Created> recreate(String name, SpaceSettings settings, Row dropped, int attempts) {
        Instant from = dropped.getInstant("dropped_at").plus(recreateAfterDrop);
        if (Instant.now().isBefore(from)) {
            throw new SpaceConflictException("space '" + name + "' was dropped at " + dropped.getInstant("dropped_at")
                    + "; it can be created again from " + from + ", once no service node serves its old data");
        }
        if (attempts <= 1) {
            throw new StoreUnavailableException("space '" + name + "' is being dropped and created concurrently; retry", null);
        }
        UUID uid = UUID.randomUUID();
        return session.executeAsync(statements.recreateSpace.bind(uid, settings.codec().wireName(), settings.location().wireName(),
                        Instant.now(), configuredLayout, name, dropped.getUuid("space_uid")))
                .toCompletableFuture()
                .thenCompose(result -> result.wasApplied()
                        ? CompletableFuture.completedFuture(new Created(new SpaceHandle(name, uid, settings, configuredLayout), true))
                        : create(name, settings, attempts - 1));
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
            if (row == null || !row.isNull("dropped_at")) {
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
     * Drops the space: marks its row and queues its uid for purging ({@link SpacePurges}), so none of
     * its data is reachable from now on and all of it is deleted once no node serves it. True when
     * this call dropped it; dropping a dropped space again re-queues its purge if that was lost.
     */
    CompletableFuture<Boolean> drop(String name) {
        return drop(name, RACE_ATTEMPTS);
    }

    private CompletableFuture<Boolean> drop(String name, int attempts) {
        return session.executeAsync(statements.selectSpace.bind(name)).toCompletableFuture().thenCompose(result -> {
            Row row = result.one();
            if (row == null) {
                return CompletableFuture.completedFuture(false);
            }
            UUID uid = row.getUuid("space_uid");
            String layout = row.isNull("layout") ? configuredLayout : row.getString("layout");
            Instant createdAt = row.isNull("created_at") ? Instant.EPOCH : row.getInstant("created_at");
            if (!row.isNull("dropped_at")) {
                return queuePurge(uid, name, layout, row.getInstant("dropped_at"), createdAt).thenApply(queued -> false);
            }
            Instant now = Instant.now();
            return session.executeAsync(statements.dropSpace.bind(now, name, uid)).toCompletableFuture().thenCompose(marked -> {
                if (marked.wasApplied()) {
                    return queuePurge(uid, name, layout, now, createdAt).thenApply(queued -> true);
                }
                if (attempts <= 1) {
                    throw new StoreUnavailableException("space '" + name + "' is being dropped and created concurrently; retry", null);
                }
                return drop(name, attempts - 1);
            });
        });
    }

    private CompletableFuture<Boolean> queuePurge(UUID uid, String name, String layout, Instant droppedAt, Instant createdAt) {
        return session.executeAsync(statements.queuePurge.bind(uid, name, layout, droppedAt, createdAt)).toCompletableFuture()
                .thenApply(result -> result.wasApplied());
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
