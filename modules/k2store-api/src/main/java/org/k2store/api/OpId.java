package org.k2store.api;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * kitsune2's {@code OpId(Bytes)}: the raw hash bytes, no prefix. Immutable; ordered byte-wise as
 * unsigned bytes (as Rust orders {@code Bytes}), so ties in time-ordered answers break the same way
 * everywhere. Its text form is base64url without padding, as kitsune2 encodes ids.
 */
public final class OpId implements Comparable<OpId> {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] bytes;
    private final int hash;

    private OpId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Copies {@code bytes}, so later changes to the array do not change the id. */
    public static OpId of(byte[] bytes) {
        Objects.requireNonNull(bytes, "op id bytes");
        return new OpId(bytes.clone());
    }

    /**
     * Parses base64url without padding (padding is tolerated). Rejects anything else with a message
     * naming {@code field}.
     */
    public static OpId fromBase64(String text, String field) {
        return new OpId(Base64Url.decode(text, field));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Byte {@code i} as an unsigned value. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    public String toBase64() {
        return ENCODER.encodeToString(bytes);
    }

    @Override
    public int compareTo(OpId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return toBase64();
    }

}
