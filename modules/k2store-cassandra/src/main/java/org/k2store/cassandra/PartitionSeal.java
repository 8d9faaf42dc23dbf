package org.k2store.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a scan of a coarse created_at partition needs to use its seal and, failing that, to seal
 * it: the time range the query wants out of the seal, the partition's {@link SealCells}, and, when
 * the scan reads the whole partition, the rows it has seen. A partition that fits one chunk is
 * sealed inline at the scan's end; a bigger one is written chunk by chunk as the scan goes, and its
 * header last, once every chunk landed. Memory stays bounded: the chunk being filled and at most
 * {@link #IN_FLIGHT_BYTES} (at least 2 chunks) being written; when writes fall further behind, or the partition
 * passes {@code maxBytes}, this scan gives up sealing and the rows answer as before.
 */
final class PartitionSeal {

    /** Bytes of chunks being written at once by one sealing scan: a page of rows can fill several small chunks. */
    static final int IN_FLIGHT_BYTES = 4 << 20;

    /** Chunks one sealing scan may have in flight with chunks of {@code chunkBytes}. */
    static int chunksInFlight(int chunkBytes) {
        return Math.max(2, IN_FLIGHT_BYTES / chunkBytes);
    }

    private final long from;
    private final long to;
    private final SealCells cells;
    private final long sealId;
    private final int chunkBytes;
    private final long maxBytes;
    /** Told once when the partition proves too big to seal, so later reads skip the probe. */
    private final Runnable tooBig;
    /** Encoding up to a chunk is the merge pool's work, not the caller's (maybe a driver I/O thread). */
    private final Executor executor;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    /** The rows of the chunk being filled; null when this scan does not (or no longer) seal. */
    private List<IndexRow> chunk;
    private int chunkSize;
    private long totalBytes;
    private int chunksSent;
    private CompletableFuture<Void> allSent = CompletableFuture.completedFuture(null);
    private boolean sealing;
    /** Completes once the seal landed (or at once when this scan writes none); fails when a write failed. */
    private CompletableFuture<?> written = CompletableFuture.completedFuture(null);

    /**
     * {@code whole}: the scan reads the whole partition, so it may seal it; {@code sealId} names the
     * chunks it writes (it rises with the seal's write time, see SealedSlices).
     */
    PartitionSeal(long from, long to, SealCells cells, boolean whole, long sealId, int chunkBytes, long maxBytes, Runnable tooBig,
            Executor executor) {
        this.from = from;
        this.to = to;
        this.cells = cells;
        this.sealId = sealId;
        this.chunkBytes = chunkBytes;
        this.maxInFlight = chunksInFlight(chunkBytes);
        this.maxBytes = maxBytes;
        this.tooBig = tooBig;
        this.executor = executor;
        this.chunk = whole ? new ArrayList<>() : null;
    }

    boolean inRange(IndexRow row) {
        return row.time() >= from && row.time() < to;
    }

    SealCells cells() {
        return cells;
    }

    /** A row the scan read; every row of the partition passes here, before any arc filter. */
    void saw(IndexRow row) {
        if (chunk == null) {
            return;
        }
        int size = SealedRows.encodedSize(row);
        totalBytes += size;
        if (totalBytes > maxBytes || row.opId().length() > 0xFFFF) {
            chunk = null;
            tooBig.run();
            return;
        }
        chunk.add(row);
        chunkSize += size;
        if (chunkSize >= chunkBytes) {
            sendChunk();
        }
    }

    private void sendChunk() {
        if (inFlight.get() >= maxInFlight) {
            chunk = null; // the writes cannot keep up with the scan: no seal this time
            return;
        }
        List<IndexRow> rows = chunk;
        int size = chunkSize;
        int index = chunksSent++;
        chunk = new ArrayList<>();
        chunkSize = 0;
        inFlight.incrementAndGet();
        CompletableFuture<?> sent = CompletableFuture.supplyAsync(() -> SealedRows.encode(rows, size), executor)
                .thenCompose(blob -> cells.writeChunk(sealId, index, blob))
                .whenComplete((ok, error) -> inFlight.decrementAndGet());
        allSent = allSent.thenCombine(sent, (a, b) -> null);
    }

    /** The scan reached the partition's end: seal it, unless it was too big or empty. Idempotent. */
    void scanned() {
        if (chunk == null) {
            return;
        }
        if (chunksSent == 0) {
            if (!chunk.isEmpty()) {
                List<IndexRow> rows = chunk;
                int size = chunkSize;
                sealing = true;
                written = CompletableFuture.supplyAsync(() -> SealedRows.encode(rows, size), executor).thenCompose(cells::writeInline);
            }
        } else {
            if (!chunk.isEmpty()) {
                sendChunk();
            }
            if (chunk != null) {
                int chunks = chunksSent;
                sealing = true;
                // Only once every chunk landed; a failed chunk leaves no header, so nothing reads it.
                written = allSent.thenCompose(sent -> cells.writeHeader(sealId, chunks));
            }
        }
        chunk = null;
    }

    /** True once the scan ended and its seal went to be written. */
    boolean sealing() {
        return sealing;
    }

    /** Completes once the seal this scan wrote landed; at once when it wrote none. */
    CompletableFuture<?> written() {
        return written;
    }
}
