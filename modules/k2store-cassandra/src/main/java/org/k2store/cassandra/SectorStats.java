package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.Lists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ops and bytes per sector and time bucket, for operators to look at (the ring console). Stores add
 * to in-memory tallies as ops are first written; {@link #flush()} turns them into counter updates, one
 * per touched (space, scale, bucket, sector), so ingest never waits for a counter write. Counter
 * updates are not idempotent and never retried: figures are approximate by design.
 *
 * <p>Recent figures (hours of stored_at) live in one partition per space and day, and a flush that
 * opens a space's new day deletes its days that fell {@link #RETENTION_DAYS} behind, so what a busy
 * space keeps is bounded by the window the console can show. History (128 h slices of created_at)
 * stays one partition per space: its rows follow the created_at range of the space's ops.
 */
public final class SectorStats {

    /** Hour of stored_at: what arrived recently. */
    public static final byte RECENT = 0;
    /** kitsune2's 128 h full slice of created_at: the space's history. */
    public static final byte HISTORY = 1;

    /** Days of recent figures kept: the console shows at most 7 (ConsoleWindow.MAX_HOURS), plus the day under way. */
    public static final int RETENTION_DAYS = 8;
    /** How far back a space's first flush of a day looks for days to delete: covers a space idle that long. */
    static final int RETENTION_LOOKBACK_DAYS = 31;
    static final int HOURS_PER_DAY = 24;

    /** Counter rows per batch: one partition's cells, one mutation; Cassandra warns only on batches of several partitions. */
    static final int CELLS_PER_BATCH = 100;
    /**
     * Cells waiting for a flush at most (about 150 bytes each). A year of history of one space is
     * 512 sectors x 69 slices = 35,000 cells; past the bound, new cells are dropped and counted.
     */
    static final int MAX_PENDING_CELLS = 100_000;

    private static final long HOUR = 3_600_000_000L;
    private static final long FULL_SLICE = 512L * 15 * 60 * 1_000_000;

    private final CqlSession session;
    private final PreparedStatement add;
    private final PreparedStatement read;
    private final PreparedStatement addRecent;
    private final PreparedStatement readRecent;
    private final PreparedStatement deleteRecentDay;
    /** The newest day whose old days this process already deleted, per space; bounded, a miss only repeats deletes. */
    private final Cache<UUID, Long> retainedFrom = CacheBuilder.newBuilder().maximumSize(100_000).build();
    private final Map<Key, LongAdder[]> pending = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();
    /** Every flush issued so far: a flush completes only after the ones before it, see {@link #flush()}. */
    private CompletableFuture<Void> flushed = CompletableFuture.completedFuture(null);

    SectorStats(CqlSession session, String keyspace) {
        this.session = session;
        this.add = session.prepare(SimpleStatement.newInstance("UPDATE " + keyspace
                + ".sector_stats SET ops = ops + ?, bytes = bytes + ? WHERE space_uid = ? AND scale = ? AND time_bucket = ? AND sector = ?")
                .setIdempotent(false));
        this.read = session.prepare(SimpleStatement.newInstance("SELECT time_bucket, sector, ops, bytes FROM " + keyspace
                + ".sector_stats WHERE space_uid = ? AND scale = ? AND time_bucket >= ? AND time_bucket <= ?"));
        this.addRecent = session.prepare(SimpleStatement.newInstance("UPDATE " + keyspace
                + ".recent_sector_stats SET ops = ops + ?, bytes = bytes + ? WHERE space_uid = ? AND day = ? AND hour = ? AND sector = ?")
                .setIdempotent(false));
        this.readRecent = session.prepare(SimpleStatement.newInstance("SELECT hour, sector, ops, bytes FROM " + keyspace
                + ".recent_sector_stats WHERE space_uid = ? AND day = ? AND hour >= ? AND hour <= ?"));
        this.deleteRecentDay = session.prepare(SimpleStatement.newInstance("DELETE FROM " + keyspace
                + ".recent_sector_stats WHERE space_uid = ? AND day = ?").setIdempotent(true));
    }

    /** The day partition of an hour bucket of recent figures. */
    static long dayOf(long hourBucket) {
        return Math.floorDiv(hourBucket, HOURS_PER_DAY);
    }

    /** The bucket width of a scale, in microseconds. */
    public static long bucketMicros(byte scale) {
        return scale == RECENT ? HOUR : FULL_SLICE;
    }

    void record(UUID space, int location, long createdAt, long storedAt, int size) {
        int sector = location >>> 23;
        tally(new Key(space, RECENT, Math.floorDiv(storedAt, HOUR), sector), size);
        tally(new Key(space, HISTORY, Math.floorDiv(createdAt, FULL_SLICE), sector), size);
    }

    private void tally(Key key, int size) {
        LongAdder[] sums = pending.get(key);
        if (sums == null) {
            if (pending.size() >= MAX_PENDING_CELLS) {
                dropped.increment(); // nobody flushes (a library user), or Cassandra is down: keep memory bounded
                return;
            }
            sums = pending.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        }
        sums[0].increment();
        sums[1].add(size);
    }

    /**
     * Writes what accumulated since the last flush; completes when the counters are updated, and not
     * before every earlier flush has finished too: a reader that flushes and then reads must not miss
     * tallies that another flush (the periodic one) took from memory but has not written yet.
     *
     * <p>The cells of one partition go together as counter batches of up to {@link #CELLS_PER_BATCH}
     * rows: one mutation, so Cassandra reads the partition's current counter shards once per batch
     * instead of once per cell. Ingest of ops spread over a year touches a new (slice, sector) cell
     * with nearly every op; updated one statement per cell, these counters took about a fifth of the
     * node's CPU at 100-op batches (a JFR profile of the embedded node, 2026-12-06).
     */
    public synchronized CompletableFuture<Void> flush() {
        Map<Partition, List<BoundStatement>> updates = new LinkedHashMap<>();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            LongAdder[] sums = pending.remove(key);
            if (sums == null) {
                continue;
            }
            long ops = sums[0].sum();
            long bytes = sums[1].sum();
            if (key.scale() == RECENT) {
                long day = dayOf(key.bucket());
                updates.computeIfAbsent(new Partition(key.space(), RECENT, day), p -> new ArrayList<>())
                        .add(addRecent.bind(ops, bytes, key.space(), day, key.bucket(), key.sector()));
                retire(key.space(), day, writes);
            } else {
                updates.computeIfAbsent(new Partition(key.space(), key.scale(), 0), p -> new ArrayList<>())
                        .add(add.bind(ops, bytes, key.space(), key.scale(), key.bucket(), key.sector()));
            }
        }
        for (List<BoundStatement> cells : updates.values()) {
            for (List<BoundStatement> batch : Lists.partition(cells, CELLS_PER_BATCH)) {
                Statement<?> statement = batch.size() == 1 ? batch.get(0)
                        : BatchStatement.newInstance(DefaultBatchType.COUNTER, List.<BatchableStatement<?>>copyOf(batch)).setIdempotent(false);
                writes.add(session.executeAsync(statement).toCompletableFuture());
            }
        }
        CompletableFuture<Void> mine = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        // An earlier flush's failure is its own caller's to see; this one only waits for it.
        flushed = CompletableFuture.allOf(mine, flushed.handle((ignored, error) -> null));
        return flushed.thenCompose(ignored -> mine);
    }

    /**
     * Deletes the space's recent days that fell out of the window once {@code day} is written, the
     * first time this process writes that day: a handful of partition deletes per space per day.
     */
    private void retire(UUID space, long day, List<CompletableFuture<?>> writes) {
        Long done = retainedFrom.getIfPresent(space);
        if (done != null && done >= day) {
            return;
        }
        retainedFrom.put(space, day);
        long newestGone = day - RETENTION_DAYS;
        long oldestGone = newestGone - RETENTION_LOOKBACK_DAYS + 1;
        if (done != null) {
            oldestGone = Math.max(oldestGone, done - RETENTION_DAYS + 1); // deleted when that day was opened
        }
        for (long gone = oldestGone; gone <= newestGone; gone++) {
            writes.add(session.executeAsync(deleteRecentDay.bind(space, gone)).toCompletableFuture());
        }
    }

    /**
     * Rows of one space and scale with time bucket in [from, to], all pages, in bucket order. Recent
     * figures are read from the day partitions the range covers, at most the retention window's.
     */
    public CompletableFuture<List<SectorFigure>> read(UUID space, byte scale, long fromBucket, long toBucket) {
        if (scale != RECENT) {
            return session.executeAsync(read.bind(space, scale, fromBucket, toBucket)).toCompletableFuture()
                    .thenCompose(page -> collect(page, new ArrayList<>()));
        }
        if (toBucket < fromBucket) {
            return CompletableFuture.completedFuture(List.of());
        }
        long firstDay = Math.max(dayOf(fromBucket), dayOf(toBucket) - RETENTION_DAYS);
        CompletableFuture<List<SectorFigure>> rows = CompletableFuture.completedFuture(new ArrayList<>());
        for (long day = firstDay; day <= dayOf(toBucket); day++) {
            long partition = day;
            rows = rows.thenCompose(sofar -> session.executeAsync(readRecent.bind(space, partition, fromBucket, toBucket))
                    .toCompletableFuture().thenCompose(page -> collect(page, sofar)));
        }
        return rows;
    }

    private CompletableFuture<List<SectorFigure>> collect(AsyncResultSet page, List<SectorFigure> rows) {
        for (Row row : page.currentPage()) {
            rows.add(new SectorFigure(row.getLong(0), row.getInt(1), row.getLong(2), row.getLong(3)));
        }
        if (page.hasMorePages()) {
            return page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, rows));
        }
        return CompletableFuture.completedFuture(rows);
    }

    /** One sector in one time bucket. */
    public record SectorFigure(long timeBucket, int sector, long ops, long bytes) {
    }

    /** Tallies left out because {@link #MAX_PENDING_CELLS} cells were waiting for a flush. */
    public long droppedTallies() {
        return dropped.sum();
    }

    private record Key(UUID space, byte scale, long bucket, int sector) {
    }

    /** A counter partition: (space, scale) for history, (space, day) for recent figures. */
    private record Partition(UUID space, byte scale, long day) {
    }
}
