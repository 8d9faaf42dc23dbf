package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.OpId;
import org.k2store.api.async.FanOut;

/**
 * Reads the ops_by_id state of many ops with one request per chunk ({@code op_id IN ?}) instead of
 * one per op. Cassandra still reads each partition, but the cost of a request (decoding, dispatch,
 * answering) is paid once per chunk: for the write path's two reads per op that was a third of the
 * node's work per op.
 */
final class OpStateReads {

    /** Ids per request: small enough that one slow partition delays few others, large enough to amortise. */
    static final int CHUNK = 50;

    private final StoreContext context;

    OpStateReads(StoreContext context) {
        this.context = context;
    }

    /** The stored values of every id that has them; ids with no row (or no values yet) are absent. */
    CompletableFuture<Map<OpId, StoredValues>> read(SpaceHandle space, List<OpId> ids) {
        List<List<OpId>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
        Map<OpId, StoredValues> found = new HashMap<>();
        return FanOut.run(chunks.size(), context.writeFanOut, i -> readChunk(space, chunks.get(i), found), context.executor)
                .thenApply(done -> found);
    }

    private CompletableFuture<Void> readChunk(SpaceHandle space, List<OpId> chunk, Map<OpId, StoredValues> found) {
        List<ByteBuffer> keys = new ArrayList<>(chunk.size());
        chunk.forEach(id -> keys.add(ByteBuffer.wrap(id.toBytes())));
        return context.execute(context.statements.selectOpStates.bind(space.uid(), keys).setPageSize(CHUNK + 1))
                .thenCompose(page -> collect(page, found));
    }

    private CompletableFuture<Void> collect(AsyncResultSet page, Map<OpId, StoredValues> found) {
        List<StoredValues> values = new ArrayList<>();
        for (Row row : page.currentPage()) {
            StoredValues op = StoredValues.of(OpId.of(SliceHashRows.bytes(row.getByteBuffer(0))), row); // op_id is the first column
            if (op != null) {
                values.add(op);
            }
        }
        synchronized (found) {
            values.forEach(op -> found.put(op.id(), op));
        }
        return page.hasMorePages() ? page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, found))
                : CompletableFuture.completedFuture(null);
    }
}
