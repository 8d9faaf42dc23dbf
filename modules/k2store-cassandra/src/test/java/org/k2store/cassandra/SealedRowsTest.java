package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Statement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.k2store.api.OpId;

class SealedRowsTest {

    private static List<IndexRow> rows(int n) {
        List<IndexRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[36 + (i % 3)];
            id[0] = (byte) i;
            id[35] = (byte) (i >> 8);
            rows.add(new IndexRow(1_000_000L * i - 5, OpId.of(id), i * 7919, 512 + i));
        }
        return rows;
    }

    private static int bytes(List<IndexRow> rows) {
        return rows.stream().mapToInt(SealedRows::encodedSize).sum();
    }

    @Test
    void rowsRoundTripInOrder() {
        List<IndexRow> rows = rows(500);
        ByteBuffer blob = SealedRows.encode(rows, bytes(rows));
        assertThat(blob.remaining()).isEqualTo(SealedRows.HEADER + bytes(rows));
        assertThat(SealedRows.decode(blob)).containsExactlyElementsOf(rows);
    }

    @Test
    void aBlobOfAnotherVersionOrCutShortIsNotTrusted() {
        List<IndexRow> rows = rows(10);
        ByteBuffer blob = SealedRows.encode(rows, bytes(rows));
        ByteBuffer otherVersion = blob.duplicate();
        byte[] copy = new byte[otherVersion.remaining()];
        otherVersion.get(copy);
        copy[0] = 2;
        assertThat(SealedRows.decode(ByteBuffer.wrap(copy))).isNull();
        assertThat(SealedRows.decode(blob.duplicate().limit(blob.limit() - 1))).isNull();
        ByteBuffer longer = ByteBuffer.allocate(blob.remaining() + 1).put(blob.duplicate()).put((byte) 0).flip();
        assertThat(SealedRows.decode(longer)).isNull();
        assertThat(SealedRows.decode(ByteBuffer.allocate(0))).isNull();
    }

    /** Seal cells that record what was written; chunk writes complete when the test says. */
    private static final class RecordingCells implements SealCells {

        final List<ByteBuffer> inline = new ArrayList<>();
        final List<CompletableFuture<Object>> chunkWrites = new ArrayList<>();
        final List<ByteBuffer> chunks = new ArrayList<>();
        final List<Integer> chunkIndexes = new ArrayList<>();
        final List<String> headers = new ArrayList<>();
        final boolean landAtOnce;

        RecordingCells(boolean landAtOnce) {
            this.landAtOnce = landAtOnce;
        }

        @Override
        public CompletableFuture<?> writeInline(ByteBuffer rows) {
            inline.add(rows);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> writeChunk(long seal, int chunk, ByteBuffer rows) {
            chunks.add(rows);
            chunkIndexes.add(chunk);
            CompletableFuture<Object> write = landAtOnce ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
            chunkWrites.add(write);
            return write;
        }

        @Override
        public CompletableFuture<?> writeHeader(long seal, int chunks) {
            headers.add(seal + "/" + chunks);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Statement<?> readChunks(long seal) {
            throw new AssertionError("not read here");
        }

        @Override
        public void clear(ByteBuffer header) {
            throw new AssertionError("not cleared here");
        }
    }

    private static PartitionSeal seal(RecordingCells cells, boolean whole, int chunkBytes, long maxBytes, Runnable tooBig) {
        return new PartitionSeal(Long.MIN_VALUE, Long.MAX_VALUE, cells, whole, 42, chunkBytes, maxBytes, tooBig, Runnable::run);
    }

    @Test
    void aPartitionBiggerThanTheCapIsNotSealedAndSaysSoOnce() {
        AtomicInteger tooBig = new AtomicInteger();
        List<IndexRow> rows = rows(100);
        RecordingCells cells = new RecordingCells(true);
        PartitionSeal small = seal(cells, true, 1 << 20, bytes(rows) - 1, tooBig::incrementAndGet);
        rows.forEach(small::saw);
        small.scanned();
        assertThat(cells.inline).isEmpty();
        assertThat(tooBig).hasValue(1);

        PartitionSeal fits = seal(cells, true, 1 << 20, bytes(rows), tooBig::incrementAndGet);
        rows.forEach(fits::saw);
        fits.scanned();
        fits.scanned(); // idempotent: one seal per scan
        assertThat(cells.inline).hasSize(1);
        assertThat(cells.chunks).as("within one chunk: inline").isEmpty();
        assertThat(tooBig).as("a partition that fits is not reported").hasValue(1);
        assertThat(SealedRows.decode(cells.inline.get(0))).containsExactlyElementsOf(rows);
    }

    @Test
    void aPartitionBiggerThanAChunkIsSealedInChunksAndItsHeaderComesLast() {
        List<IndexRow> rows = rows(100);
        RecordingCells cells = new RecordingCells(false);
        int chunkBytes = bytes(rows.subList(0, 30));
        PartitionSeal seal = seal(cells, true, chunkBytes, Long.MAX_VALUE, () -> {
            throw new AssertionError("not too big");
        });
        for (int i = 0; i < 100; i++) {
            seal.saw(rows.get(i));
            if (i % 30 == 29) {
                cells.chunkWrites.get(cells.chunkWrites.size() - 1).complete(null); // each chunk lands before the next fills
            }
        }
        seal.scanned();
        assertThat(cells.chunkIndexes).containsExactly(0, 1, 2, 3);
        assertThat(cells.headers).as("not before the last chunk landed").isEmpty();
        cells.chunkWrites.get(3).complete(null);
        assertThat(cells.headers).containsExactly("42/4");
        assertThat(cells.inline).isEmpty();
        List<IndexRow> back = new ArrayList<>();
        cells.chunks.forEach(chunk -> back.addAll(SealedRows.decode(chunk)));
        assertThat(back).containsExactlyElementsOf(rows);
        assertThat(seal.sealing()).isTrue();
    }

    @Test
    void chunkWritesFallingBehindTheScanGiveUpTheSealAndAFailedChunkLeavesNoHeader() {
        List<IndexRow> rows = rows(100_000);
        int chunkBytes = PartitionSeal.IN_FLIGHT_BYTES / 2;
        RecordingCells slow = new RecordingCells(false);
        PartitionSeal behind = seal(slow, true, chunkBytes, Long.MAX_VALUE, () -> { });
        rows.forEach(behind::saw);
        behind.scanned();
        assertThat(slow.chunkWrites).as("at most 4 MiB (two such chunks) in flight, then no more").hasSize(PartitionSeal.chunksInFlight(chunkBytes));
        slow.chunkWrites.forEach(write -> write.complete(null));
        assertThat(slow.headers).isEmpty();
        assertThat(behind.sealing()).isFalse();

        RecordingCells failing = new RecordingCells(false);
        PartitionSeal failed = seal(failing, true, bytes(rows.subList(0, 60)), Long.MAX_VALUE, () -> { });
        rows.forEach(failed::saw);
        failed.scanned();
        failing.chunkWrites.get(0).completeExceptionally(new IllegalStateException("write timeout"));
        failing.chunkWrites.get(1).complete(null);
        assertThat(failing.headers).isEmpty();
    }

    @Test
    void aScanOfPartOfAPartitionNeverSeals() {
        RecordingCells cells = new RecordingCells(true);
        PartitionSeal partial = new PartitionSeal(0, 10, cells, false, 1, 100, Long.MAX_VALUE, () -> {
            throw new AssertionError("a partial scan never judges the partition's size");
        }, Runnable::run);
        rows(5).forEach(partial::saw);
        partial.scanned();
        assertThat(cells.inline).isEmpty();
        assertThat(cells.chunks).isEmpty();
        assertThat(partial.inRange(rows(5).get(0))).isFalse(); // time -5
        assertThat(partial.inRange(new IndexRow(9, OpId.of(new byte[36]), 0, 1))).isTrue();
        assertThat(partial.inRange(new IndexRow(10, OpId.of(new byte[36]), 0, 1))).isFalse();
    }

    @Test
    void aChunkedHeaderRoundTripsAndIsNeverTakenForRows() {
        ByteBuffer header = SealedRows.header(123_456_789L, 7);
        assertThat(SealedRows.chunked(header)).isEqualTo(new SealedRows.Chunked(123_456_789L, 7));
        assertThat(SealedRows.decode(header)).isNull();
        List<IndexRow> rows = rows(1);
        assertThat(SealedRows.chunked(SealedRows.encode(rows, bytes(rows)))).isNull();
        assertThat(SealedRows.chunked(SealedRows.header(1, 0))).as("no chunks is no seal").isNull();
    }
}
