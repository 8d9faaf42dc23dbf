package org.k2store.cassandra;

import java.security.SecureRandom;

/**
 * The write timestamp of an op's ops_by_id cells, chosen so that Cassandra's own reconciliation
 * (the highest write timestamp wins) keeps the op with the EARLIEST stored_at: first write wins with
 * plain writes, no Paxos round. The low bits carry a per-process tag, so two nodes stamping the same
 * microsecond still resolve whole rows to one writer instead of cell by cell.
 */
final class FirstWriteTimestamp {

    /** stored_at values below 2^52 µs (the year 2112) map into positive timestamps below 2^62. */
    static final long STORED_AT_LIMIT = 1L << 52;
    private static final int TAG_BITS = 10;

    private final int tag;

    FirstWriteTimestamp(int tag) {
        this.tag = tag & ((1 << TAG_BITS) - 1);
    }

    static FirstWriteTimestamp random() {
        return new FirstWriteTimestamp(new SecureRandom().nextInt());
    }

    long of(long storedAt) {
        long clamped = Math.max(0, Math.min(STORED_AT_LIMIT - 1, storedAt));
        return ((STORED_AT_LIMIT - clamped) << TAG_BITS) | tag;
    }
}
