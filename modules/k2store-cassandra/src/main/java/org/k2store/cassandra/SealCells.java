package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.Statement;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Where one coarse created_at partition's seal is written and read: inline in its static 'sealed'
 * cell when it fits one chunk, else in sealed_chunks under a seal id that a header in the static
 * cell names. A reader never waits for a seal's writes: one that does not land only leaves the
 * partition to be read row by row. Their futures are for the background sealer, which seals one
 * partition after another.
 */
interface SealCells {

    /** The whole seal (rows, version 1) in the static cell; completes once it landed. */
    CompletableFuture<?> writeInline(ByteBuffer rows);

    /** One chunk (rows, version 1) of seal {@code seal}; completes once it landed. */
    CompletableFuture<?> writeChunk(long seal, int chunk, ByteBuffer rows);

    /** The header naming seal {@code seal} of {@code chunks} chunks, then the older seals' chunks removed; completes after both. */
    CompletableFuture<?> writeHeader(long seal, int chunks);

    /** The chunks of seal {@code seal} in order, one per page. */
    Statement<?> readChunks(long seal);

    /**
     * Clears the seal whose header is {@code header} (one of its chunks was found missing), unless
     * another seal replaced it meanwhile: the next read scans rows and seals again.
     */
    void clear(ByteBuffer header);
}
