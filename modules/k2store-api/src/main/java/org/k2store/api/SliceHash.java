package org.k2store.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stored slice hash. {@code index} is kitsune2's {@code u64}: carried in a long and always
 * compared unsigned, so indexes above 2^63 sort after the small ones.
 */
public final class SliceHash {

    private final long index;
    private final byte[] hash;

    public SliceHash(long index, byte[] hash) {
        this.index = index;
        this.hash = Objects.requireNonNull(hash, "hash").clone();
    }

    public long index() {
        return index;
    }

    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceHash other && index == other.index && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "SliceHash{" + Long.toUnsignedString(index) + ", " + Base64Url.encode(hash) + "}";
    }
}
