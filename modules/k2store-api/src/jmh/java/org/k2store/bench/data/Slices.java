package org.k2store.bench.data;

import java.util.List;
import org.k2store.api.OpId;

/** kitsune2's time slicing: full slices of 2^9 x 15 min = 128 h from the epoch, partial slices of 2^k x 15 min. */
public final class Slices {

    public static final long QUARTER_HOUR = 15L * 60 * 1_000_000;
    public static final long FULL = QUARTER_HOUR << 9;

    private Slices() {
    }

    public static long index(long micros) {
        return Math.floorDiv(micros, FULL);
    }

    public static long start(long index) {
        return index * FULL;
    }

    /** The first full slice that lies wholly at or after {@code micros}. */
    public static long firstWholeFrom(long micros) {
        return Math.floorDiv(micros + FULL - 1, FULL);
    }

    /** The last full slice that ends at or before {@code micros}. */
    public static long lastWholeBefore(long micros) {
        return index(micros) - 1;
    }

    /** What the DHT stores as a slice's hash: the ids XOR-ed together byte by byte. */
    public static byte[] combinedHash(List<OpId> ids) {
        byte[] hash = new byte[ids.isEmpty() ? 0 : ids.get(0).length()];
        for (OpId id : ids) {
            for (int i = 0; i < hash.length; i++) {
                hash[i] ^= (byte) id.byteAt(i);
            }
        }
        return hash;
    }
}
