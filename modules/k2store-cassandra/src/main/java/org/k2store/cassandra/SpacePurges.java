package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of dropped spaces whose rows are still to be deleted ({@code space_purges}). Each
 * {@link #step()} takes one purge that is due (its drop is older than {@code recreateAfterDrop}, so
 * no node serves the uid any more) and not leased by another node, works on it for a bounded number
 * of requests ({@code purgeRequestsPerStep}) and records how far it got, so purges are bounded in
 * load, resumable after any stop, and observable (the queue is a table; each step reports figures).
 */
public final class SpacePurges {

    private static final Logger LOG = LoggerFactory.getLogger(SpacePurges.class);
    /** Far longer than a step takes; a node that stopped mid-step holds its purge this long at most (a finished step gives it back). */
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** What one step saw and did: purges still queued (this one included while unfinished), requests made, whether it finished one. */
    public record Step(int queued, long requests, boolean finished) {
        static final Step IDLE = new Step(0, 0, false);
    }

    private final CqlSession session;
    private final PurgeStatements statements;
    private final Duration due;
    private final long budget;
    private final int wideArcFineBuckets;
    private final Supplier<Instant> clock;

    SpacePurges(CqlSession session, CassandraStoreConfig config, Supplier<Instant> clock) {
        this.session = session;
        this.statements = new PurgeStatements(session, config);
        this.due = config.getRecreateAfterDrop();
        this.budget = config.getPurgeRequestsPerStep();
        this.wideArcFineBuckets = config.getWideArcFineBuckets();
        this.clock = clock;
    }

    /** One bounded step of the next due purge; never blocks, so it may run on any scheduler thread. */
    public CompletableFuture<Step> step() {
        return execute(statements.pending.bind().setPageSize(100)).thenCompose(result -> {
            List<Row> queued = new ArrayList<>();
            result.currentPage().forEach(queued::add);
            Instant now = clock.get();
            for (Row row : queued) {
                boolean isDue = !row.getInstant("dropped_at").plus(due).isAfter(now);
                boolean free = row.isNull("lease_until") || row.getInstant("lease_until").isBefore(now);
                if (isDue && free) {
                    return claimAndRun(row, queued.size(), now);
                }
            }
            return CompletableFuture.completedFuture(new Step(queued.size(), 0, false));
        });
    }

    private CompletableFuture<Step> claimAndRun(Row row, int queued, Instant now) {
        UUID uid = row.getUuid("space_uid");
        // Millisecond precision: the lease is compared for equality later, as Cassandra stores it.
        Instant lease = now.plus(LEASE).truncatedTo(ChronoUnit.MILLIS);
        return execute(statements.claim.bind(lease, uid, now)).thenCompose(claimed -> {
            if (!claimed.wasApplied()) {
                return CompletableFuture.completedFuture(new Step(queued, 1, false)); // another node took it
            }
            SpacePurge.Cursor from = new SpacePurge.Cursor(SpacePurge.Stage.of(row.getInt("stage")), row.getInt("position"), row.getLong("scan_token"));
            SpacePurge purge = new SpacePurge(session, statements, uid, BucketLayout.parse(row.getString("layout"), wideArcFineBuckets),
                    firstRecentDay(row), recentDay(row.getInstant("dropped_at")) + 1);
            long before = row.getLong("requests");
            return purge.run(from, budget).thenCompose(progress -> {
                long total = before + progress.requests();
                if (progress.cursor().stage() == SpacePurge.Stage.DONE) {
                    return execute(statements.finish.bind(uid, lease)).thenApply(done -> {
                        LOG.info("purged dropped space '{}' (uid {}): {} requests", row.getString("space"), uid, total);
                        return new Step(queued - 1, progress.requests(), true);
                    });
                }
                SpacePurge.Cursor at = progress.cursor();
                return execute(statements.saveProgress.bind(at.stage().ordinal(), at.position(), at.token(), total, uid, lease))
                        .thenApply(saved -> new Step(queued, progress.requests(), false));
            });
        });
    }

    private static long recentDay(Instant time) {
        return SectorStats.dayOf(Math.floorDiv(time.toEpochMilli() * 1_000, SectorStats.bucketMicros(SectorStats.RECENT)));
    }

    /** The space's creation day; a purge queued before it was recorded looks back as far as the flusher does. */
    private static long firstRecentDay(Row row) {
        long dropped = recentDay(row.getInstant("dropped_at"));
        if (row.isNull("space_created_at")) {
            return dropped - SectorStats.RETENTION_DAYS - SectorStats.RETENTION_LOOKBACK_DAYS;
        }
        return Math.min(dropped, recentDay(row.getInstant("space_created_at")) - 1);
    }

    private CompletableFuture<AsyncResultSet> execute(BoundStatement statement) {
        return session.executeAsync(statement).toCompletableFuture();
    }
}
