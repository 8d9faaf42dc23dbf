package org.k2store.server.console;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.k2store.api.DhtArc;
import org.k2store.api.async.FanOut;
import org.k2store.server.backend.CassandraBackend;
import org.k2store.server.backend.LazyStatement;

/**
 * Which slice indexes have a stored slice hash, per sector. kitsune2 stores full-slice hashes per
 * sector arc, and slice_hashes is keyed by (space, exact arc), so this reads the 512 sector arcs'
 * partitions, clustering keys only (no hash bytes), at most {@link #IN_FLIGHT} at a time, and at
 * most {@link #PER_SECTOR} (the highest indexes) per sector: a tenant may store any number of
 * indexes, and the console's memory must not follow it.
 */
public final class SliceHashPresence {

    static final int IN_FLIGHT = 16;
    /** Slice indexes read per sector; one more is read to tell that a sector has more. */
    public static final int PER_SECTOR = 512;

    private final LazyStatement select;

    public SliceHashPresence(CassandraBackend backend) {
        this.select = new LazyStatement(backend, keyspace -> SimpleStatement.newInstance(
                "SELECT slice_key FROM " + keyspace + ".slice_hashes WHERE space_uid = ? AND arc = ? ORDER BY slice_key DESC LIMIT "
                + (PER_SECTOR + 1)).setIdempotent(true));
    }

    /**
     * For each sector 0..511, the stored slice indexes (u64 as signed longs), ascending unsigned: all
     * of them, or the highest {@link #PER_SECTOR} + 1 when there are more (a list longer than
     * PER_SECTOR says the sector was cut).
     */
    public CompletableFuture<List<List<Long>>> bySector(UUID space) {
        return select.get().thenCompose(statement -> FanOut.run(DhtArc.SECTOR_COUNT, IN_FLIGHT,
                sector -> select.session().executeAsync(statement.bind(space, DhtArc.sector(sector).toString()))
                        .toCompletableFuture()
                        .thenCompose(page -> collect(page, new ArrayList<>())), ForkJoinPool.commonPool()));
    }

    private static CompletableFuture<List<Long>> collect(AsyncResultSet page, List<Long> indexes) {
        for (Row row : page.currentPage()) {
            // The clustering key is the index with its top bit flipped (see schema.cql), so that
            // Cassandra's signed order is the unsigned order.
            indexes.add(row.getLong(0) ^ Long.MIN_VALUE);
        }
        if (page.hasMorePages()) {
            return page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, indexes));
        }
        Collections.reverse(indexes); // read highest first, answered ascending
        return CompletableFuture.completedFuture(indexes);
    }
}
