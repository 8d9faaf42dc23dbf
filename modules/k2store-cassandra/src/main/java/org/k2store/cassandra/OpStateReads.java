package org.k2store.cassandra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.OpId;

/**
 * Reads the ops_by_id state of many ops ({@link OpRowReads}, one request per chunk of ids): for the
 * write path's two reads per op, one request per op was a third of the node's work per op.
 */
final class OpStateReads {

    /** Ids per request: small enough that one slow partition delays few others, large enough to amortise. */
    static final int CHUNK = 50;

    private final OpRowReads<StoredValues> reads;

    OpStateReads(StoreContext context) {
        this.reads = new OpRowReads<>(context, context.statements.selectOpStates, CHUNK, context.writeFanOut, StoredValues::of);
    }

    /** The stored values of every id that has them; ids with no row (or no values yet) are absent. */
    CompletableFuture<Map<OpId, StoredValues>> read(SpaceHandle space, List<OpId> ids) {
        return reads.read(space, ids);
    }
}
