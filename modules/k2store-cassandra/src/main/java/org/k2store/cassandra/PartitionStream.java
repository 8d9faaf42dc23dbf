package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;

/**
 * The rows of one index partition in clustering order, fetched a page at a time with the driver's
 * explicit async paging. A partition at an arc's edge is filtered by exact location here, so the
 * merge above only sees rows that belong to the answer.
 */
final class PartitionStream {

    private final CqlSession session;
    private final Statement<?> statement;
    private final DhtArc filter;
    private AsyncResultSet page;
    private Iterator<Row> rows;
    private IndexRow head;
    private boolean started;
    private int pagesRead;

    /** {@code filter} is null for a partition the arc covers whole. */
    PartitionStream(CqlSession session, Statement<?> statement, DhtArc filter) {
        this.session = session;
        this.statement = statement;
        this.filter = filter;
    }

    /** Completes when a head row is buffered or the partition is exhausted. Never blocks. */
    CompletableFuture<Void> fill() {
        while (head == null && rows != null && rows.hasNext()) {
            IndexRow row = read(rows.next());
            if (filter == null || filter.contains(row.location())) {
                head = row;
            }
        }
        if (head != null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<AsyncResultSet> next;
        if (!started) {
            started = true;
            next = session.executeAsync(statement).toCompletableFuture();
        } else if (page != null && page.hasMorePages()) {
            next = page.fetchNextPage().toCompletableFuture();
        } else {
            return CompletableFuture.completedFuture(null);
        }
        return next.thenCompose(result -> {
            page = result;
            rows = result.currentPage().iterator();
            pagesRead++;
            return fill();
        });
    }

    /** The buffered head, or null when the partition is exhausted (after {@link #fill()}). */
    IndexRow head() {
        return head;
    }

    IndexRow take() {
        IndexRow row = head;
        head = null;
        return row;
    }

    /** True when the next row is already in memory, so the merge can go on without waiting. */
    boolean headReadyWithoutFetch() {
        if (head != null) {
            return true;
        }
        while (rows != null && rows.hasNext()) {
            IndexRow row = read(rows.next());
            if (filter == null || filter.contains(row.location())) {
                head = row;
                return true;
            }
        }
        return false;
    }

    boolean exhausted() {
        return head == null && started && (rows == null || !rows.hasNext()) && (page == null || !page.hasMorePages());
    }

    int pagesRead() {
        return pagesRead;
    }

    private static IndexRow read(Row row) {
        ByteBuffer id = row.getByteBuffer(1);
        byte[] bytes = new byte[id.remaining()];
        id.duplicate().get(bytes);
        return new IndexRow(row.getLong(0), OpId.of(bytes), row.getInt(2), row.getInt(3));
    }
}
