package org.k2store.cassandra;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.k2store.api.OpId;

/**
 * A coarse created_at partition's rows packed into blobs. Reading one cell is far cheaper for
 * Cassandra than reading a row per op, and wide-arc full slices read whole partitions that rarely
 * change once their time has passed.
 * <ul>
 * <li>Rows (version 1): version byte, row count, then per row created_at, location, size, id
 *     length, id bytes, in clustering order. A small partition's whole seal in its static 'sealed'
 *     cell, and each chunk of a big one in sealed_chunks.</li>
 * <li>Header (version 2), in the static cell of a partition sealed in chunks: version byte, seal id
 *     (the sealed_chunks clustering key), chunk count.</li>
 * </ul>
 */
final class SealedRows {

    static final byte VERSION = 1;
    static final byte CHUNKED = 2;
    static final int CHUNKED_HEADER = 1 + 8 + 4;

    /** A seal in {@code chunks} chunks of sealed_chunks under {@code seal}. */
    record Chunked(long seal, int chunks) {
    }
    /** Fixed bytes per row besides the id: created_at, location, size, id length. */
    static final int ROW_OVERHEAD = 8 + 4 + 4 + 2;
    static final int HEADER = 1 + 4;

    private SealedRows() {
    }

    static int encodedSize(IndexRow row) {
        return ROW_OVERHEAD + row.opId().length();
    }

    static ByteBuffer encode(List<IndexRow> rows, int bytes) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + bytes);
        out.put(VERSION).putInt(rows.size());
        for (IndexRow row : rows) {
            byte[] id = row.opId().toBytes();
            out.putLong(row.time()).putInt(row.location()).putInt(row.size()).putShort((short) id.length).put(id);
        }
        return out.flip();
    }

    static ByteBuffer header(long seal, int chunks) {
        return ByteBuffer.allocate(CHUNKED_HEADER).put(CHUNKED).putLong(seal).putInt(chunks).flip();
    }

    /** The header of a seal in chunks, or null when {@code blob} is not one. */
    static Chunked chunked(ByteBuffer blob) {
        ByteBuffer in = blob.duplicate();
        if (in.remaining() != CHUNKED_HEADER || in.get() != CHUNKED) {
            return null;
        }
        long seal = in.getLong();
        int chunks = in.getInt();
        return chunks > 0 ? new Chunked(seal, chunks) : null;
    }

    /** The rows, or null for a blob this version does not read (it is then ignored, not trusted). */
    static List<IndexRow> decode(ByteBuffer blob) {
        ByteBuffer in = blob.duplicate();
        if (in.remaining() < HEADER || in.get() != VERSION) {
            return null;
        }
        int count = in.getInt();
        if (count < 0 || (long) count * ROW_OVERHEAD > in.remaining()) {
            return null;
        }
        List<IndexRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.remaining() < ROW_OVERHEAD) {
                return null;
            }
            long time = in.getLong();
            int location = in.getInt();
            int size = in.getInt();
            int length = Short.toUnsignedInt(in.getShort());
            if (length > in.remaining()) {
                return null;
            }
            byte[] id = new byte[length];
            in.get(id);
            rows.add(new IndexRow(time, OpId.of(id), location, size));
        }
        return in.hasRemaining() ? null : rows;
    }
}
