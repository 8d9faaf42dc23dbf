package org.k2store.cassandra;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What a scan of a coarse created_at partition needs to use its sealed rows and, failing that, to
 * seal it: the time range the query wants out of the blob, and, when the scan reads the whole
 * partition, the rows it has seen so far. A partition whose rows would not fit {@code maxBytes}
 * is left unsealed, so a blob never costs more memory than the configuration allows.
 */
final class PartitionSeal {

    private final long from;
    private final long to;
    private final int maxBytes;
    private final Function<ByteBuffer, ?> write;
    /** Told once when the partition proves too big to seal, so later reads skip the probe. */
    private final Runnable tooBig;
    /** Encoding up to a MiB is the merge pool's work, not the caller's (maybe a driver I/O thread). */
    private final Executor executor;
    private List<IndexRow> seen;
    private int bytes;
    private boolean sealing;

    /**
     * {@code write} stores a blob (with a write time earlier than the scan, see SealedSlices); it
     * is null when the scan does not read the whole partition and so must not seal it.
     */
    PartitionSeal(long from, long to, int maxBytes, Function<ByteBuffer, ?> write, Runnable tooBig, Executor executor) {
        this.from = from;
        this.to = to;
        this.maxBytes = maxBytes;
        this.write = write;
        this.tooBig = tooBig;
        this.executor = executor;
        this.seen = write == null ? null : new ArrayList<>();
    }

    boolean inRange(IndexRow row) {
        return row.time() >= from && row.time() < to;
    }

    /** A row the scan read; every row of the partition passes here, before any arc filter. */
    void saw(IndexRow row) {
        if (seen == null) {
            return;
        }
        bytes += SealedRows.encodedSize(row);
        if (bytes > maxBytes || row.opId().length() > 0xFFFF) {
            seen = null;
            tooBig.run();
            return;
        }
        seen.add(row);
    }

    /** The scan reached the partition's end: seal it, unless it was too big or empty. */
    void scanned() {
        if (seen != null && !seen.isEmpty()) {
            List<IndexRow> rows = seen;
            int size = bytes;
            sealing = true;
            executor.execute(() -> write.apply(SealedRows.encode(rows, size)));
        }
        seen = null;
    }

    /** True once the scan ended and its seal went to be written. */
    boolean sealing() {
        return sealing;
    }
}
