package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.DhtArc;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;

/**
 * Slice hashes, one partition per (space, exact arc). The u64 index is stored with its top bit
 * flipped so Cassandra's signed clustering order is the unsigned order kitsune2 means.
 */
final class SliceHashRows {

    private final StoreContext context;

    SliceHashRows(StoreContext context) {
        this.context = context;
    }

    static long toKey(long sliceIndex) {
        return sliceIndex ^ Long.MIN_VALUE;
    }

    static long fromKey(long key) {
        return key ^ Long.MIN_VALUE;
    }

    CompletableFuture<Void> store(UUID space, DhtArc arc, long index, byte[] hash) {
        return context.execute(context.statements.upsertSliceHash.bind(space, arc.toString(), toKey(index), ByteBuffer.wrap(hash.clone())))
                .thenApply(ignored -> null);
    }

    CompletableFuture<Long> count(UUID space, DhtArc arc) {
        return context.execute(context.statements.selectHighestSlice.bind(space, arc.toString())).thenApply(result -> {
            Row row = result.one();
            return row == null ? 0L : SliceIndexes.countAfter(fromKey(row.getLong(0)));
        });
    }

    CompletableFuture<Optional<byte[]>> get(UUID space, DhtArc arc, long index) {
        return context.execute(context.statements.selectSliceHash.bind(space, arc.toString(), toKey(index)))
                .thenApply(result -> Optional.ofNullable(result.one()).map(row -> bytes(row.getByteBuffer(0))));
    }

    CompletableFuture<List<SliceHash>> all(UUID space, DhtArc arc) {
        return context.execute(context.statements.selectSliceHashes.bind(space, arc.toString()))
                .thenCompose(page -> collect(page, new ArrayList<>()));
    }

    CompletableFuture<List<SliceHash>> from(UUID space, DhtArc arc, long fromIndex, int limit) {
        return context.execute(context.statements.selectSliceHashesFrom.bind(space, arc.toString(), toKey(fromIndex), limit))
                .thenCompose(page -> collect(page, new ArrayList<>()));
    }

    private CompletableFuture<List<SliceHash>> collect(AsyncResultSet page, List<SliceHash> rows) {
        for (Row row : page.currentPage()) {
            rows.add(new SliceHash(fromKey(row.getLong(0)), bytes(row.getByteBuffer(1))));
        }
        if (page.hasMorePages()) {
            return page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, rows));
        }
        return CompletableFuture.completedFuture(rows);
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
