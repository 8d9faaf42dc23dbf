package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.k2store.api.OpId;
import org.k2store.api.async.FanOut;

/**
 * Reads the ops_by_id rows of many ids with one request per chunk ({@code op_id IN ?}) instead of
 * one per id. Cassandra still reads each partition, but a request's own cost (decoding, dispatch,
 * answering) is paid once per chunk; for single-partition reads of small rows it was most of the
 * node's work per id. The statement's first column must be {@code op_id}.
 */
final class OpRowReads<T> {

    private final StoreContext context;
    private final HotStatement statement;
    private final int chunk;
    private final int inFlight;
    private final BiFunction<OpId, Row, T> value;

    /**
     * {@code chunk} ids per request, at most {@code inFlight} requests at once; {@code value} turns a
     * row into what the caller keeps, or null to leave the id out.
     */
    OpRowReads(StoreContext context, HotStatement statement, int chunk, int inFlight, BiFunction<OpId, Row, T> value) {
        this.context = context;
        this.statement = statement;
        this.chunk = chunk;
        this.inFlight = inFlight;
        this.value = value;
    }

    /** The value of every id of {@code ids} whose row gave one; ids with no row (or a null value) are absent. */
    CompletableFuture<Map<OpId, T>> read(SpaceHandle space, List<OpId> ids) {
        List<List<OpId>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += chunk) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + chunk)));
        }
        Map<OpId, T> found = new HashMap<>();
        return FanOut.run(chunks.size(), inFlight, i -> readChunk(space, chunks.get(i), found), context.executor)
                .thenApply(done -> found);
    }

    private CompletableFuture<Void> readChunk(SpaceHandle space, List<OpId> ids, Map<OpId, T> found) {
        List<ByteBuffer> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(ByteBuffer.wrap(id.toBytes())));
        // One page holds the whole chunk: an IN read pages partition after partition, one round trip each page.
        return context.execute(statement.bind(space.uid(), keys).setPageSize(chunk + 1))
                .thenCompose(page -> collect(page, found));
    }

    private CompletableFuture<Void> collect(AsyncResultSet page, Map<OpId, T> found) {
        List<Map.Entry<OpId, T>> values = new ArrayList<>();
        for (Row row : page.currentPage()) {
            OpId id = OpId.of(SliceHashRows.bytes(row.getByteBuffer(0)));
            T kept = value.apply(id, row);
            if (kept != null) {
                values.add(Map.entry(id, kept));
            }
        }
        synchronized (found) {
            values.forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        }
        return page.hasMorePages() ? page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, found))
                : CompletableFuture.completedFuture(null);
    }
}
