package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;

/**
 * Finds ops by id for retrieve_ops and filter_out_existing_ops, a chunk of ids per request
 * ({@link OpRowReads}). An op is there once it is indexed: one whose indexing was interrupted is
 * not, and its sender will store it again.
 * <p>
 * filter_out_existing_ops reads only 'indexed', never an op's data: a host checks large batches of
 * ids it has not seen, and ops run to megabytes. retrieve_ops reads data in chunks of
 * {@link #DATA_CHUNK} ids with fan-out / DATA_CHUNK of them in flight, so at most fan-out ops are
 * being read at once, as when each was a request of its own.
 */
final class OpLookups {

    /** Ids per data request. Ops may be megabytes each, so few; ids-only chunks take {@link OpStateReads#CHUNK}. */
    static final int DATA_CHUNK = 8;

    private final OpRowReads<MetaOp> data;
    private final OpRowReads<Boolean> indexed;

    OpLookups(StoreContext context) {
        this.data = new OpRowReads<>(context, context.statements.selectOpData, DATA_CHUNK, Math.max(1, context.fanOut / DATA_CHUNK),
                OpLookups::visibleOp);
        this.indexed = new OpRowReads<>(context, context.statements.selectOpIndexed, OpStateReads.CHUNK, context.fanOut,
                (id, row) -> isIndexed(row, 1) ? Boolean.TRUE : null);
    }

    /** Every visible op among {@code ids} with its data and metadata, each distinct id read once. */
    CompletableFuture<Map<OpId, MetaOp>> ops(SpaceHandle space, List<OpId> ids) {
        return data.read(space, distinct(ids));
    }

    /** The visible ops among {@code ids}, each distinct id read once, none of their data. */
    CompletableFuture<Set<OpId>> present(SpaceHandle space, List<OpId> ids) {
        return indexed.read(space, distinct(ids)).thenApply(Map::keySet);
    }

    private static List<OpId> distinct(List<OpId> ids) {
        return new ArrayList<>(new LinkedHashSet<>(ids));
    }

    /** Columns: op_id, data, indexed, metadata. */
    private static MetaOp visibleOp(OpId id, Row row) {
        if (!isIndexed(row, 2)) {
            return null;
        }
        // No cell (stored before migration 005) and an empty one both mean no metadata.
        byte[] metadata = row.isNull(3) ? null : SliceHashRows.bytes(row.getByteBuffer(3));
        return new MetaOp(id, SliceHashRows.bytes(row.getByteBuffer(1)), metadata);
    }

    private static boolean isIndexed(Row row, int column) {
        return !row.isNull(column) && row.getBoolean(column);
    }
}
