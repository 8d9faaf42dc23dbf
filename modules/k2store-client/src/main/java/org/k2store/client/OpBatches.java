package org.k2store.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an op batch into requests the service takes: at most so many ops, and a body (ops as
 * base64url strings) of at most so many bytes. The service refuses a larger request whole (400 or
 * 413), so a host handing over a large batch would otherwise get an error for ops it could store.
 */
final class OpBatches {

    /** {"ops":[ and ]} around the ops. */
    private static final long ENVELOPE_BYTES = 16;

    private OpBatches() {
    }

    /** Consecutive runs of {@code ops}, in order; one op too large for the body cap alone is a run of its own. */
    static List<List<byte[]>> split(List<byte[]> ops, int maxOps, long maxBodyBytes) {
        List<List<byte[]>> chunks = new ArrayList<>();
        int from = 0;
        long bytes = ENVELOPE_BYTES;
        for (int i = 0; i < ops.size(); i++) {
            long size = encodedBytes(ops.get(i));
            if (i > from && (i - from == maxOps || bytes + size > maxBodyBytes)) {
                chunks.add(ops.subList(from, i));
                from = i;
                bytes = ENVELOPE_BYTES;
            }
            bytes += size;
        }
        chunks.add(ops.subList(from, ops.size()));
        return chunks;
    }

    /** An op's share of the body: its unpadded base64url, two quotes and a comma. */
    static long encodedBytes(byte[] op) {
        return (op.length * 4L + 2) / 3 + 3;
    }
}
