package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.StoreUnavailableException;

/**
 * The rows of one index partition in clustering order, fetched a page at a time with the driver's
 * explicit async paging. A partition at an arc's edge is filtered by exact location here, so the
 * merge above only sees rows that belong to the answer.
 *
 * <p>With a {@link PartitionSeal} the partition may be sealed: the first page is one row plus the
 * sealed blob, and when the blob is there its rows are the answer and nothing else is read. A blob
 * that is the header of a seal in chunks is followed by reading its chunks, one page each, one
 * decoded at a time; a chunk found missing fails the read (never a shorter answer) and clears the
 * seal. Otherwise the scan goes on from that row with full pages, and seals the partition at its end.
 */
final class PartitionStream {

    /** The column of the sealed blob in a sealing scan; columns 0-3 are the index row. */
    private static final int SEALED_COLUMN = 4;

    private final CqlSession session;
    private final Statement<?> statement;
    private final DhtArc filter;
    private final PartitionSeal seal;
    private final int pageSize;
    private final Executor executor;
    private AsyncResultSet page;
    private Iterator<Row> rows;
    private Iterator<IndexRow> sealedRows;
    /** The seal in chunks being read, and the page of sealed_chunks that held the last chunk. */
    private SealedRows.Chunked chunked;
    private AsyncResultSet chunkPage;
    private int chunksRead;
    private IndexRow head;
    private boolean started;
    private boolean sealChecked;
    private int pagesRead;

    /** {@code filter} is null for a partition the arc covers whole. */
    PartitionStream(CqlSession session, Statement<?> statement, DhtArc filter) {
        this(session, statement, filter, null, 0, null);
    }

    /**
     * A sealing scan: {@code probe} selects the sealed column too and has a page size of 1. A seal
     * (up to a MiB) is decoded on {@code executor}, never on the driver's I/O thread.
     */
    PartitionStream(CqlSession session, Statement<?> probe, DhtArc filter, PartitionSeal seal, int pageSize, Executor executor) {
        this.session = session;
        this.statement = probe;
        this.filter = filter;
        this.seal = seal;
        this.pageSize = pageSize;
        this.executor = executor;
    }

    /** Completes when a head row is buffered or the partition is exhausted. Never blocks. */
    CompletableFuture<Void> fill() {
        if (headReadyWithoutFetch()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<AsyncResultSet> next;
        if (!started) {
            started = true;
            next = session.executeAsync(statement).toCompletableFuture();
        } else if (sealedRows == null && page != null && page.hasMorePages()) {
            next = nextPage();
        } else if (chunked != null && chunksRead < chunked.chunks()) {
            return nextChunk().thenCompose(ignored -> fill());
        } else {
            return CompletableFuture.completedFuture(null);
        }
        return next.thenCompose(result -> {
            took(result);
            if (seal != null && !sealChecked && rows.hasNext()) {
                sealChecked = true;
                Row first = result.one();
                ByteBuffer blob = first.getBytesUnsafe(SEALED_COLUMN);
                SealedRows.Chunked header = blob == null ? null : SealedRows.chunked(blob);
                if (header != null) {
                    chunked = header;
                    sealedRows = Collections.emptyIterator();
                    rows = null;
                    page = null;
                    return fill();
                }
                if (blob != null) {
                    return CompletableFuture.supplyAsync(() -> SealedRows.decode(blob), executor).thenCompose(sealed -> {
                        if (sealed != null) {
                            sealedRows = sealed.iterator();
                            rows = null;
                            page = null;
                        } else {
                            firstRow(first); // a seal this version cannot read: the rows answer
                        }
                        return fill();
                    });
                }
                firstRow(first);
                if (result.hasMorePages()) {
                    // Not sealed: fetch the first full page now, while the merge still waits for every
                    // partition's first rows in parallel, not later from inside the merge, one
                    // partition at a time.
                    return nextPage().thenCompose(more -> {
                        took(more);
                        return fill();
                    });
                }
            }
            return fill();
        });
    }

    /** Reads the next chunk of the seal; fails, clearing the seal, when it is not there. */
    private CompletableFuture<Void> nextChunk() {
        CompletableFuture<AsyncResultSet> fetched = chunkPage == null
                ? session.executeAsync(seal.cells().readChunks(chunked.seal())).toCompletableFuture()
                : chunkPage.hasMorePages() ? chunkPage.fetchNextPage().toCompletableFuture() : CompletableFuture.completedFuture(null);
        return fetched.thenCompose(result -> {
            if (result != null) {
                chunkPage = result;
                pagesRead++;
            }
            Row row = result == null ? null : result.one();
            if (row == null && result != null && result.hasMorePages()) {
                return nextChunk(); // an empty page before the next chunk (paging past tombstones)
            }
            int expected = chunksRead;
            if (row == null || row.getInt(0) != expected) {
                return missingChunk(expected);
            }
            ByteBuffer blob = row.getBytesUnsafe(1);
            return CompletableFuture.supplyAsync(() -> blob == null ? null : SealedRows.decode(blob), executor).thenCompose(decoded -> {
                if (decoded == null) {
                    return missingChunk(expected);
                }
                chunksRead++;
                sealedRows = decoded.iterator();
                return CompletableFuture.completedFuture(null);
            });
        });
    }

    private CompletableFuture<Void> missingChunk(int chunk) {
        seal.cells().clear(SealedRows.header(chunked.seal(), chunked.chunks()));
        return CompletableFuture.failedFuture(new StoreUnavailableException("a sealed index partition is missing chunk " + chunk + " of "
                + chunked.chunks() + " of its seal; the seal is cleared, so the next try reads its rows", null));
    }

    private CompletableFuture<AsyncResultSet> nextPage() {
        return seal == null ? page.fetchNextPage().toCompletableFuture()
                // The probe's page size is 1; go on from its paging state with full pages.
                : session.executeAsync(statement.setPagingState(page.getExecutionInfo().getPagingState()).setPageSize(pageSize))
                        .toCompletableFuture();
    }

    private void took(AsyncResultSet result) {
        page = result;
        rows = result.currentPage().iterator();
        pagesRead++;
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
        if (sealedRows != null) {
            while (sealedRows.hasNext()) {
                IndexRow row = sealedRows.next();
                if (seal.inRange(row) && (filter == null || filter.contains(row.location()))) {
                    head = row;
                    return true;
                }
            }
            return false;
        }
        while (rows != null && rows.hasNext()) {
            Row next = rows.next();
            if (seal != null && next.isNull(1)) {
                continue; // a partition's static row alone, with no index row in it
            }
            IndexRow row = read(next);
            if (seal != null) {
                seal.saw(row);
            }
            if (filter == null || filter.contains(row.location())) {
                head = row;
                return true;
            }
        }
        if (seal != null && rows != null && (page == null || !page.hasMorePages())) {
            seal.scanned(); // every row of the range went by; idempotent
        }
        return false;
    }

    boolean exhausted() {
        if (sealedRows != null) {
            return head == null && !sealedRows.hasNext() && (chunked == null || chunksRead >= chunked.chunks());
        }
        return head == null && started && (rows == null || !rows.hasNext()) && (page == null || !page.hasMorePages());
    }

    int pagesRead() {
        return pagesRead;
    }

    /** True when the partition was answered from its seal. */
    boolean readSealed() {
        return sealedRows != null;
    }

    /** True when this scan read the partition whole and is writing its seal. */
    boolean sealing() {
        return seal != null && seal.sealing();
    }

    /** Completes once the seal this scan wrote landed; at once when it wrote none. */
    CompletableFuture<?> sealWritten() {
        return seal == null ? CompletableFuture.completedFuture(null) : seal.written();
    }

    /** Not sealed: the probe's row is the scan's first (one() consumed it from the page). */
    private void firstRow(Row first) {
        if (first.isNull(1)) {
            return; // a partition's static row alone, with no index row in it
        }
        IndexRow row = read(first);
        seal.saw(row);
        if (filter == null || filter.contains(row.location())) {
            head = row;
        }
    }

    /**
     * By position from the raw cells: the driver's typed getters look a codec up for every cell,
     * which JMH (MergeSortedPartitionsBenchmark) showed to be most of the merge's cost per row.
     */
    private static IndexRow read(Row row) {
        ByteBuffer id = row.getBytesUnsafe(1);
        byte[] bytes = new byte[id.remaining()];
        id.duplicate().get(bytes);
        return new IndexRow(longAt(row.getBytesUnsafe(0)), OpId.of(bytes), intAt(row.getBytesUnsafe(2)), intAt(row.getBytesUnsafe(3)));
    }

    private static long longAt(ByteBuffer cell) {
        return cell == null || cell.remaining() < 8 ? 0 : cell.getLong(cell.position());
    }

    private static int intAt(ByteBuffer cell) {
        return cell == null || cell.remaining() < 4 ? 0 : cell.getInt(cell.position());
    }
}
