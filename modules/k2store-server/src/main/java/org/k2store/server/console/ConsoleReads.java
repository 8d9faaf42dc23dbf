package org.k2store.server.console;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.k2store.api.MicrosClock;
import org.k2store.api.UnknownSpaceException;
import org.k2store.api.async.FanOut;
import org.k2store.cassandra.SectorStats;
import org.k2store.cassandra.SectorStats.SectorFigure;
import org.k2store.server.backend.CassandraBackend;

/**
 * The console's Cassandra reads: sector_stats counter partitions (kept as ops are stored) and the
 * space lookup, never a row of ops. Each read first flushes this node's pending tallies (what the
 * 1 s flusher would write anyway), so a view shows what this node stored up to now. Futures carry
 * raw rows; folding them happens on the request thread, not on a driver thread.
 */
public final class ConsoleReads {

    static final int SPACES_IN_FLIGHT = 8;

    private final CassandraBackend backend;
    private final MicrosClock clock;

    public ConsoleReads(CassandraBackend backend, MicrosClock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    public long nowMicros() {
        return clock.nowMicros();
    }

    /** The uid a space's figures are kept under; fails with UnknownSpaceException (404) for a space never created. */
    public CompletableFuture<UUID> uid(String space) {
        return backend.stores().findSpace(space)
                .thenApply(found -> found.orElseThrow(() -> new UnknownSpaceException(space)).uid());
    }

    /** The rows of one window of one space. */
    public CompletableFuture<List<SectorFigure>> window(UUID space, ConsoleWindow window) {
        SectorStats stats = backend.stores().sectorStats();
        return flushed(stats).thenCompose(ignored -> stats.read(space, window.scale(), window.fromBucket(), window.toBucket()));
    }

    /**
     * For each space, its whole history (ops and bytes) and the current and previous hour of ingest:
     * two partition reads per space, for at most {@link #SPACES_IN_FLIGHT} spaces at a time.
     */
    public CompletableFuture<List<SpaceRows>> summaries(List<UUID> spaces, long nowMicros) {
        SectorStats stats = backend.stores().sectorStats();
        long hour = Math.floorDiv(nowMicros, SectorStats.bucketMicros(SectorStats.RECENT));
        return flushed(stats).thenCompose(ignored -> FanOut.run(spaces.size(), SPACES_IN_FLIGHT, i -> {
            CompletableFuture<List<SectorFigure>> history = stats.read(spaces.get(i), SectorStats.HISTORY, Long.MIN_VALUE, Long.MAX_VALUE);
            CompletableFuture<List<SectorFigure>> recent = stats.read(spaces.get(i), SectorStats.RECENT, hour - 1, hour);
            return history.thenCombine(recent, (all, lastHours) -> new SpaceRows(all, lastHours, hour - 1));
        }, ForkJoinPool.commonPool()));
    }

    /** What {@link #summaries} read: history rows, recent rows, and the first hour bucket of the recent read. */
    public record SpaceRows(List<SectorFigure> history, List<SectorFigure> recent, long recentFromBucket) {
    }

    /** A failed flush must not fail the view: the figures are approximate by design (counter writes are never retried). */
    private static CompletableFuture<Void> flushed(SectorStats stats) {
        return stats.flush().handle((ignored, error) -> null);
    }
}
