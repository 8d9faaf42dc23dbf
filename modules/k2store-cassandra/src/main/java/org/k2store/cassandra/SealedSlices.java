package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.k2store.api.DhtArc;
import org.k2store.api.SettleWindow;

/**
 * Decides which partition scans read and write sealed rows, and builds their streams.
 *
 * <p>Only coarse created_at partitions are sealed: they serve wide arcs, hold 2^(fine - coarse)
 * times the rows of a sector's partition, and their time has mostly passed. A partition is sealed
 * by a query that reads it whole once its time bucket ended {@code sealAfter} ago; every index
 * row written to it clears the seal in the same mutation (OpWriter), so a late op never hides.
 *
 * <p>A seal that fits {@code sealedChunkBytes} sits in the partition's static cell; a bigger one
 * (a busy space) is written to sealed_chunks as the scan goes and named by a header in that cell
 * once all its chunks landed ({@link PartitionSeal}, {@link SealCells}).
 *
 * <p>The race that matters: a scan that misses an op written while it ran must not seal over it.
 * The seal is written with a write time {@code lag} before the scan began. An op written earlier
 * than that was visible to the scan (the settle window covers write latency and clock skew); one
 * written later clears the seal with a newer (or equal: deletion wins ties) write time.
 */
final class SealedSlices {

    /** A partition of a space known to be too big to seal. */
    record Unsealable(UUID space, PartitionKey key) {
    }

    /** Even a single node (settle window 0) has writes in flight for a moment. */
    private static final long MIN_LAG_MICROS = 1_000_000L;

    private final StoreContext context;
    private final long bucketMicros;
    private final long sealAfterMicros;
    private final long lagMicros;
    private final int chunkBytes;
    private final long maxBytes;
    /** Write-time clock: the driver stamps writes with the wall clock, so seals must use it too. */
    private final LongSupplier wallMicros;

    SealedSlices(StoreContext context, SettleWindow settleWindow, LongSupplier wallMicros) {
        this.context = context;
        CassandraStoreConfig config = context.config;
        this.bucketMicros = config.getCreatedBucket().toNanos() / 1_000;
        this.sealAfterMicros = config.getSealAfter().toNanos() / 1_000;
        this.lagMicros = Math.max(MIN_LAG_MICROS, settleWindow.micros());
        this.chunkBytes = config.getSealedChunkBytes();
        this.maxBytes = config.getSealedPartitionMaxBytes();
        this.wallMicros = wallMicros;
    }

    /** A scan of {@code key} for created_at in [from, to), sealed where it may be. */
    PartitionStream stream(UUID space, PartitionKey key, long from, long to, DhtArc filter, int pageSize) {
        long now = wallMicros.getAsLong();
        long bucketStart = key.timeBucket() * bucketMicros;
        long bucketEnd = bucketStart + bucketMicros;
        // A partition whose time has not settled has no seal to probe for (rows are the truth, so a
        // seal written by a node whose clock runs ahead is merely not used).
        Unsealable unsealable = new Unsealable(space, key);
        if (!applies(key) || bucketEnd > now - sealAfterMicros || context.unsealable.getIfPresent(unsealable) != null) {
            return new PartitionStream(context.session, scanBetween(space, key, from, to, pageSize), filter);
        }
        boolean whole = from <= bucketStart && to >= bucketEnd;
        long writeTime = now - lagMicros;
        // Seal ids rise with write time (the low bits tell two nodes' seals of one microsecond apart),
        // so the header that wins is the newest seal, and removing the ids below it removes only older ones.
        long sealId = (writeTime << 10) | ThreadLocalRandom.current().nextInt(1 << 10);
        PartitionSeal seal = new PartitionSeal(from, to, new Cells(space, key, writeTime), whole, sealId, chunkBytes, maxBytes,
                () -> context.unsealable.put(unsealable, Boolean.TRUE), context.executor);
        BoundStatement probe = context.statements.sealingScanBetween
                .bind(space, key.bucket().grain().code, key.bucket().index(), key.timeBucket(), from, to)
                .setPageSize(1);
        return new PartitionStream(context.session, probe, filter, seal, pageSize, context.executor);
    }

    /** Wall-clock micros from which {@code key} may be sealed: its time bucket's end plus {@code sealAfter}. */
    long settledAt(PartitionKey key) {
        return (key.timeBucket() + 1) * bucketMicros + sealAfterMicros;
    }

    /** True when {@code key} is a partition that seals, not yet known to be too big for it. */
    boolean sealable(UUID space, PartitionKey key) {
        return applies(key) && context.unsealable.getIfPresent(new Unsealable(space, key)) == null;
    }

    /**
     * Reads the settled partition {@code key} whole, as a wide-arc slice would, so that it gets sealed;
     * completes once the seal landed: true when this read wrote one, false when the partition was
     * sealed already, empty, or too big.
     */
    CompletableFuture<Boolean> sealWhole(UUID space, PartitionKey key) {
        long bucketStart = key.timeBucket() * bucketMicros;
        PartitionStream stream = stream(space, key, bucketStart, bucketStart + bucketMicros, null, context.config.getPageSize());
        return drain(stream).thenCompose(drained -> stream.sealWritten()).thenApply(written -> stream.sealing());
    }

    /** Takes every row of {@code stream} (off the driver's threads) until it ends or turns out to be sealed. */
    private CompletableFuture<Void> drain(PartitionStream stream) {
        return stream.fill().thenComposeAsync(filled -> {
            if (stream.readSealed()) {
                return CompletableFuture.completedFuture(null);
            }
            while (stream.take() != null && stream.headReadyWithoutFetch()) {
                // rows already in memory: nothing to do with them but let the seal see them
            }
            return stream.exhausted() ? CompletableFuture.<Void>completedFuture(null) : drain(stream);
        }, context.executor);
    }

    private boolean applies(PartitionKey key) {
        return maxBytes > 0 && key.kind() == IndexKind.CREATED && key.bucket().grain() == Grain.COARSE;
    }

    /** One partition's seal cells; writes of the header and the inline seal carry the lagged write time. */
    private final class Cells implements SealCells {

        private final UUID space;
        private final PartitionKey key;
        private final long writeTime;

        Cells(UUID space, PartitionKey key, long writeTime) {
            this.space = space;
            this.key = key;
            this.writeTime = writeTime;
        }

        @Override
        public CompletableFuture<?> writeInline(ByteBuffer rows) {
            return context.execute(context.statements.sealPartition.bind(writeTime, rows, space, grain(), bucket(), key.timeBucket()));
        }

        @Override
        public CompletableFuture<?> writeChunk(long seal, int chunk, ByteBuffer rows) {
            return context.execute(context.statements.insertSealChunk.bind(space, grain(), bucket(), key.timeBucket(), seal, chunk, rows));
        }

        @Override
        public CompletableFuture<?> writeHeader(long seal, int chunks) {
            return context.execute(context.statements.sealPartition.bind(writeTime, SealedRows.header(seal, chunks), space, grain(), bucket(),
                    key.timeBucket())).thenCompose(written -> context.execute(context.statements.deleteSealChunksBefore.bind(space, grain(),
                    bucket(), key.timeBucket(), seal)));
        }

        @Override
        public Statement<?> readChunks(long seal) {
            return context.statements.selectSealChunks.bind(space, grain(), bucket(), key.timeBucket(), seal).setPageSize(1);
        }

        @Override
        public void clear(ByteBuffer header) {
            context.execute(context.statements.clearSealIf.bind(space, grain(), bucket(), key.timeBucket(), header));
        }

        private byte grain() {
            return key.bucket().grain().code;
        }

        private int bucket() {
            return key.bucket().index();
        }
    }

    private BoundStatement scanBetween(UUID space, PartitionKey key, long from, long to, int pageSize) {
        return context.statements.scanBetween.get(key.kind())
                .bind(space, key.bucket().grain().code, key.bucket().index(), key.timeBucket(), from, to)
                .setPageSize(pageSize);
    }
}
