package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void aPartitionBiggerThanTheCapIsNotSealedAndSaysSoOnce() {
        List<ByteBuffer> written = new ArrayList<>();
        AtomicInteger tooBig = new AtomicInteger();
        List<IndexRow> rows = rows(100);
        PartitionSeal small = new PartitionSeal(Long.MIN_VALUE, Long.MAX_VALUE, bytes(rows) - 1, written::add, tooBig::incrementAndGet,
                Runnable::run);
        rows.forEach(small::saw);
        small.scanned();
        assertThat(written).isEmpty();
        assertThat(tooBig).hasValue(1);

        PartitionSeal fits = new PartitionSeal(Long.MIN_VALUE, Long.MAX_VALUE, bytes(rows), written::add, tooBig::incrementAndGet,
                Runnable::run);
        rows.forEach(fits::saw);
        fits.scanned();
        fits.scanned(); // idempotent: one seal per scan
        assertThat(written).hasSize(1);
        assertThat(tooBig).as("a partition that fits is not reported").hasValue(1);
        assertThat(SealedRows.decode(written.get(0))).containsExactlyElementsOf(rows);
    }

    @Test
    void aScanOfPartOfAPartitionNeverSeals() {
        List<ByteBuffer> written = new ArrayList<>();
        PartitionSeal partial = new PartitionSeal(0, 10, 1 << 20, null, () -> {
            throw new AssertionError("a partial scan never judges the partition's size");
        }, Runnable::run);
        rows(5).forEach(partial::saw);
        partial.scanned();
        assertThat(written).isEmpty();
        assertThat(partial.inRange(rows(5).get(0))).isFalse(); // time -5
        assertThat(partial.inRange(new IndexRow(9, OpId.of(new byte[36]), 0, 1))).isTrue();
        assertThat(partial.inRange(new IndexRow(10, OpId.of(new byte[36]), 0, 1))).isFalse();
    }
}
