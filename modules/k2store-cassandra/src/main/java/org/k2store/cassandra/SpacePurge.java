package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.DhtArc;

/**
 * Deletes the rows of one dropped space uid, walking its partitions in a fixed order from a
 * {@link Cursor}, a bounded number of requests at a time. Every partition is found from what the
 * space itself recorded (bucket markers, then the coarse created_at rows for the op ids), so the
 * walk costs what the space holds, not what the keyspace holds; only slice hashes, whose arcs
 * nothing lists, are found by one token-range scan of that table. Every delete is idempotent, so a
 * walk resumed from an older cursor redoes a little work and loses none.
 *
 * <p>Ops stored but never indexed (a write interrupted for good) are not reachable from any index
 * and stay behind; they are invisible to every read, as they were before the drop.
 */
final class SpacePurge {

    /** The order of the walk. Markers go last but one: every stage before reads them. */
    enum Stage {
        CREATED_COARSE, CREATED_FINE, STORED_COARSE, STORED_FINE, BUCKET_MARKERS, SLICE_HASHES, RECENT_FIGURES, SPACE_ROWS, DONE;

        static Stage of(int code) {
            return values()[Math.max(0, Math.min(code, DONE.ordinal()))];
        }
    }

    /** Where the walk is: a stage, a location bucket (or marker partition) in it, and the last time bucket or token done. */
    record Cursor(Stage stage, int position, long token) {
        static final Cursor START = new Cursor(Stage.CREATED_COARSE, 0, Long.MIN_VALUE);

        Cursor next(Stage stage) {
            return new Cursor(stage, 0, Long.MIN_VALUE);
        }
    }

    /** The cursor after a run of the walk and the requests it made. */
    record Progress(Cursor cursor, long requests) {
    }

    /** Deletes in flight at once: a purge is background work and must not crowd out callers. */
    private static final int WAVE = 32;
    private static final int PAGE = 500;

    private final CqlSession session;
    private final PurgeStatements statements;
    private final UUID uid;
    private final int coarseBuckets;
    private final int fineBuckets;
    /** The days whose recent console figures may hold rows of the space: from its creation to just after its drop. */
    private final long firstRecentDay;
    private final long lastRecentDay;

    SpacePurge(CqlSession session, PurgeStatements statements, UUID uid, BucketLayout layout, long firstRecentDay, long lastRecentDay) {
        this.session = session;
        this.statements = statements;
        this.uid = uid;
        this.firstRecentDay = firstRecentDay;
        this.lastRecentDay = lastRecentDay;
        this.coarseBuckets = layout.cover(DhtArc.FULL, Grain.COARSE).size();
        this.fineBuckets = layout.cover(DhtArc.FULL, Grain.FINE).size();
    }

    /** Walks on from {@code from} until about {@code budget} requests were made or the walk is done. */
    CompletableFuture<Progress> run(Cursor from, long budget) {
        return run(new Progress(from, 0), budget);
    }

    private CompletableFuture<Progress> run(Progress progress, long budget) {
        if (progress.cursor().stage() == Stage.DONE || progress.requests() >= budget) {
            return CompletableFuture.completedFuture(progress);
        }
        return advance(progress.cursor())
                .thenCompose(next -> run(new Progress(next.cursor(), progress.requests() + next.requests()), budget));
    }

    /** One unit of work: one partition with its ops, or one page of partitions. */
    private CompletableFuture<Progress> advance(Cursor at) {
        return switch (at.stage()) {
            case CREATED_COARSE -> markedPartitions(at, IndexKind.CREATED, Grain.COARSE, coarseBuckets, Stage.CREATED_FINE, 1);
            case CREATED_FINE -> markedPartitions(at, IndexKind.CREATED, Grain.FINE, fineBuckets, Stage.STORED_COARSE, PAGE);
            case STORED_COARSE -> markedPartitions(at, IndexKind.STORED, Grain.COARSE, coarseBuckets, Stage.STORED_FINE, PAGE);
            case STORED_FINE -> markedPartitions(at, IndexKind.STORED, Grain.FINE, fineBuckets, Stage.BUCKET_MARKERS, PAGE);
            case BUCKET_MARKERS -> markers(at);
            case SLICE_HASHES -> sliceHashes(at);
            case RECENT_FIGURES -> recentFigures(at);
            case SPACE_ROWS -> spaceRows(at);
            case DONE -> CompletableFuture.completedFuture(new Progress(at, 0));
        };
    }

    /**
     * The next time buckets marked for location bucket {@code at.position} of the index, deleted.
     * Coarse created_at partitions go a page of ops at a time (see {@link #opsPage}), so a step stays
     * bounded however many ops one partition holds.
     */
    private CompletableFuture<Progress> markedPartitions(Cursor at, IndexKind kind, Grain grain, int buckets, Stage then, int perUnit) {
        if (at.position() >= buckets) {
            return CompletableFuture.completedFuture(new Progress(at.next(then), 0));
        }
        BoundStatement marked = statements.markedTimeBuckets.bind(uid, kind.code, grain.code, at.position(), at.token()).setPageSize(perUnit);
        return execute(marked).thenCompose(result -> {
            List<Long> timeBuckets = new ArrayList<>();
            for (Row row : result.currentPage()) {
                if (timeBuckets.size() < perUnit) {
                    timeBuckets.add(row.getLong("time_bucket"));
                }
            }
            if (timeBuckets.isEmpty()) {
                return CompletableFuture.completedFuture(new Progress(new Cursor(at.stage(), at.position() + 1, Long.MIN_VALUE), 1));
            }
            if (kind == IndexKind.CREATED && grain == Grain.COARSE) {
                long timeBucket = timeBuckets.get(0);
                return opsPage(at.position(), timeBucket).thenApply(page -> new Progress(
                        page.partitionDone() ? new Cursor(at.stage(), at.position(), timeBucket) : at, 1 + page.requests()));
            }
            List<BoundStatement> deletes = new ArrayList<>();
            for (long timeBucket : timeBuckets) {
                deletes.add(statements.deletePartition.get(kind).bind(uid, grain.code, at.position(), timeBucket));
            }
            Cursor next = new Cursor(at.stage(), at.position(), timeBuckets.get(timeBuckets.size() - 1));
            return inWaves(deletes).thenApply(done -> new Progress(next, 1 + deletes.size()));
        });
    }

    /** One page of a coarse created_at partition done: the requests it took, and whether the partition is gone. */
    private record Page(long requests, boolean partitionDone) {
    }

    /**
     * Deletes the ops_by_id rows of the first page of ops left in a coarse created_at partition,
     * then those index rows (a range up to the page's last created_at, and the last one's rows by
     * key), so the next page starts where this one ended; the last page deletes the partition.
     */
    private CompletableFuture<Page> opsPage(int locBucket, long timeBucket) {
        BoundStatement first = statements.opsInPartition.bind(uid, Grain.COARSE.code, locBucket, timeBucket).setPageSize(PAGE);
        return execute(first).thenCompose(result -> {
            List<BoundStatement> ops = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            for (Row row : result.currentPage()) {
                rows.add(row);
                ops.add(statements.deleteOp.bind(uid, row.getByteBuffer("op_id")));
            }
            if (!result.hasMorePages()) {
                BoundStatement partition = statements.deletePartition.get(IndexKind.CREATED).bind(uid, Grain.COARSE.code, locBucket, timeBucket);
                BoundStatement chunks = statements.deleteSealChunks.bind(uid, Grain.COARSE.code, locBucket, timeBucket);
                return inWaves(ops).thenCompose(done -> inWaves(List.of(partition, chunks))).thenApply(done -> new Page(3 + ops.size(), true));
            }
            long last = rows.get(rows.size() - 1).getLong("created_at");
            List<BoundStatement> indexRows = new ArrayList<>();
            indexRows.add(statements.deleteCreatedBefore.bind(uid, Grain.COARSE.code, locBucket, timeBucket, last));
            for (Row row : rows) {
                if (row.getLong("created_at") == last) {
                    indexRows.add(statements.deleteCreatedRow.bind(uid, Grain.COARSE.code, locBucket, timeBucket, last, row.getByteBuffer("op_id")));
                }
            }
            return inWaves(ops).thenCompose(done -> inWaves(indexRows)).thenApply(done -> new Page(1 + ops.size() + indexRows.size(), false));
        });
    }

    /** The marker partitions (index kind x grain x location bucket), a wave at a time. */
    private CompletableFuture<Progress> markers(Cursor at) {
        int perKind = coarseBuckets + fineBuckets;
        int total = 2 * perKind;
        if (at.position() >= total) {
            return CompletableFuture.completedFuture(new Progress(at.next(Stage.SLICE_HASHES), 0));
        }
        List<BoundStatement> deletes = new ArrayList<>();
        int position = at.position();
        for (; position < total && deletes.size() < WAVE; position++) {
            IndexKind kind = position < perKind ? IndexKind.CREATED : IndexKind.STORED;
            int inKind = position % perKind;
            Grain grain = inKind < coarseBuckets ? Grain.COARSE : Grain.FINE;
            int bucket = grain == Grain.COARSE ? inKind : inKind - coarseBuckets;
            deletes.add(statements.deleteMarkers.bind(uid, kind.code, grain.code, bucket));
        }
        int next = position;
        return inWaves(deletes).thenApply(done -> new Progress(new Cursor(Stage.BUCKET_MARKERS, next, Long.MIN_VALUE), deletes.size()));
    }

    /** One page of the token-ordered scan of slice hash partitions; those of this uid deleted. */
    private CompletableFuture<Progress> sliceHashes(Cursor at) {
        return execute(statements.sliceHashPartitions.bind(at.token()).setPageSize(PAGE)).thenCompose(result -> {
            List<BoundStatement> deletes = new ArrayList<>();
            long last = at.token();
            for (Row row : result.currentPage()) {
                last = row.getLong("t");
                if (uid.equals(row.getUuid("space_uid"))) {
                    deletes.add(statements.deleteSliceHashes.bind(uid, row.getString("arc")));
                }
            }
            Cursor next = result.hasMorePages() ? new Cursor(Stage.SLICE_HASHES, 0, last) : at.next(Stage.RECENT_FIGURES);
            return inWaves(deletes).thenApply(done -> new Progress(next, 1 + deletes.size()));
        });
    }

    /** The day partitions of the console's recent figures, a wave at a time from the first day on. */
    private CompletableFuture<Progress> recentFigures(Cursor at) {
        long from = Math.max(at.token(), firstRecentDay);
        if (from > lastRecentDay) {
            return CompletableFuture.completedFuture(new Progress(at.next(Stage.SPACE_ROWS), 0));
        }
        List<BoundStatement> deletes = new ArrayList<>();
        long day = from;
        for (; day <= lastRecentDay && deletes.size() < WAVE; day++) {
            deletes.add(statements.deleteRecentDay.bind(uid, day));
        }
        Cursor next = new Cursor(Stage.RECENT_FIGURES, 0, day);
        return inWaves(deletes).thenApply(done -> new Progress(next, deletes.size()));
    }

    /** The op count checkpoint and the history figures (and the hourly ones of before migration 007): one partition each. */
    private CompletableFuture<Progress> spaceRows(Cursor at) {
        List<BoundStatement> deletes = List.of(statements.deleteCheckpoint.bind(uid),
                statements.deleteSectorStats.bind(uid, (byte) 0), statements.deleteSectorStats.bind(uid, (byte) 1));
        return inWaves(deletes).thenApply(done -> new Progress(at.next(Stage.DONE), deletes.size()));
    }

    private CompletableFuture<Void> inWaves(List<BoundStatement> statements) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < statements.size(); from += WAVE) {
            List<BoundStatement> wave = statements.subList(from, Math.min(statements.size(), from + WAVE));
            chain = chain.thenCompose(done -> CompletableFuture.allOf(wave.stream().map(this::execute).toArray(CompletableFuture[]::new)));
        }
        return chain;
    }

    private CompletableFuture<AsyncResultSet> execute(BoundStatement statement) {
        return session.executeAsync(statement).toCompletableFuture();
    }
}
