package org.k2store.bench.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.k2store.api.LocationScheme;
import org.k2store.api.OpId;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.Envelope;
import org.k2store.api.codec.OpCodec;

/**
 * A reproducible data set, generated op by op so that every store gets identical ops without the
 * driver holding them all: Holochain-style ops (envelope codec, 36-byte ids whose last four bytes are
 * the location), locations uniform over the ring, created_at spread evenly over a window (op {@code i}
 * falls at a random instant of the i-th of {@code count} equal strata, so ops come in time order), and
 * sizes log-uniform between two bounds with random (incompressible) bytes.
 *
 * In k2store-api's src/jmh/java (see HotPathData): the driver and every module's benchmarks use it.
 */
public record Dataset(long seed, long count, long startMicros, long spanMicros, int minSize, int maxSize) {

    public static final SpaceSettings SETTINGS = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32);

    public Dataset {
        if (count < 1 || spanMicros < 1 || minSize < 1 || maxSize < minSize) {
            throw new IllegalArgumentException("bad data set: " + count + " ops over " + spanMicros + " us, sizes " + minSize + ".." + maxSize);
        }
    }

    public long endMicros() {
        return startMicros + spanMicros;
    }

    public GeneratedOp op(long index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        byte[] id = new byte[LocationScheme.SUFFIX_ID_LENGTH];
        random.nextBytes(id);
        int location = random.nextInt();
        id[32] = (byte) location;
        id[33] = (byte) (location >>> 8);
        id[34] = (byte) (location >>> 16);
        id[35] = (byte) (location >>> 24);
        long createdAt = startMicros + (long) ((index + random.nextDouble()) * spanMicros / count);
        double logMin = Math.log(minSize);
        int size = (int) Math.min(maxSize, Math.round(Math.exp(logMin + random.nextDouble() * (Math.log(maxSize) - logMin))));
        byte[] data = new byte[size];
        random.nextBytes(data);
        OpId opId = OpId.of(id);
        return new GeneratedOp(opId, location, createdAt, size, Envelope.encode(opId, createdAt, data));
    }

    /** Ops {@code [from, to)}. */
    public List<GeneratedOp> ops(long from, long to) {
        List<GeneratedOp> ops = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            ops.add(op(i));
        }
        return ops;
    }
}
