package org.k2store.cassandra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.k2store.api.DhtArc;

/**
 * Maps locations and times to buckets, and an arc to the location buckets it covers. Bucket sizes
 * are configuration; the defaults follow kitsune2: 2^9 fine buckets (its 512 sectors), 2^4 coarse
 * ones, 128 h created_at buckets (its full slice), 1 h stored_at buckets. Where a space's rows
 * live depends on them, so each space records the layout it was created with ({@link #recorded()})
 * and is read and written with that one, whatever the configuration says later.
 */
final class BucketLayout {

    private static final List<Grain> BOTH_GRAINS = List.of(Grain.FINE, Grain.COARSE);
    private static final List<Grain> COARSE_ONLY = List.of(Grain.COARSE);

    private final int fineBits;
    private final int coarseBits;
    private final long createdBucketMicros;
    private final long storedBucketMicros;
    private final int wideArcFineBuckets;

    BucketLayout(int fineBits, int coarseBits, long createdBucketMicros, long storedBucketMicros, int wideArcFineBuckets) {
        if (fineBits < 1 || fineBits > 16 || coarseBits < 0 || coarseBits >= fineBits) {
            throw new IllegalArgumentException("need 0 <= coarse bits < fine bits <= 16, got fine " + fineBits + ", coarse " + coarseBits);
        }
        if (createdBucketMicros <= 0 || storedBucketMicros <= 0) {
            throw new IllegalArgumentException("time buckets must be positive");
        }
        this.fineBits = fineBits;
        this.coarseBits = coarseBits;
        this.createdBucketMicros = createdBucketMicros;
        this.storedBucketMicros = storedBucketMicros;
        this.wideArcFineBuckets = wideArcFineBuckets;
    }

    /** The storage part of the layout as a space records it: location bits and time buckets. */
    String recorded() {
        return "fine=" + fineBits + ";coarse=" + coarseBits + ";created_us=" + createdBucketMicros + ";stored_us=" + storedBucketMicros;
    }

    /**
     * A space's recorded layout; {@code wideArcFineBuckets} is a read-time choice of this process,
     * not where rows live, so it comes from configuration.
     */
    static BucketLayout parse(String recorded, int wideArcFineBuckets) {
        Map<String, Long> values = new HashMap<>();
        for (String part : recorded.split(";")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalStateException("unreadable recorded bucket layout '" + recorded + "'");
            }
            values.put(pair[0], Long.parseLong(pair[1]));
        }
        for (String key : List.of("fine", "coarse", "created_us", "stored_us")) {
            if (!values.containsKey(key)) {
                throw new IllegalStateException("recorded bucket layout '" + recorded + "' lacks " + key);
            }
        }
        return new BucketLayout(Math.toIntExact(values.get("fine")), Math.toIntExact(values.get("coarse")), values.get("created_us"),
                values.get("stored_us"), wideArcFineBuckets);
    }

    int bits(Grain grain) {
        return grain == Grain.FINE ? fineBits : coarseBits;
    }

    int bucketOf(Grain grain, int location) {
        int bits = bits(grain);
        return bits == 0 ? 0 : location >>> (32 - bits);
    }

    long timeBucket(IndexKind kind, long micros) {
        return Math.floorDiv(micros, kind == IndexKind.CREATED ? createdBucketMicros : storedBucketMicros);
    }

    /**
     * The grains an index is written at. The stored_at index is coarse only: bounded pages start at
     * most minutes back, where a coarse partition filtered by exact location is one short read, and
     * a fine row per op would be a fifth of the write path's cost for no query that needs it.
     */
    List<Grain> grains(IndexKind kind) {
        return kind == IndexKind.CREATED ? BOTH_GRAINS : COARSE_ONLY;
    }

    /** The grain a query of {@code kind} over {@code arc} reads. */
    Grain grainFor(IndexKind kind, DhtArc arc) {
        return kind == IndexKind.STORED ? Grain.COARSE : grainFor(arc);
    }

    /** Narrow arcs read fine buckets; an arc touching more than the threshold of them reads coarse ones. */
    Grain grainFor(DhtArc arc) {
        long fine = cover(arc, Grain.FINE).size();
        return fine > wideArcFineBuckets ? Grain.COARSE : Grain.FINE;
    }

    /** The buckets of {@code grain} that {@code arc} touches, ascending; empty for the empty arc. */
    List<LocationBucket> cover(DhtArc arc, Grain grain) {
        if (arc.isEmpty()) {
            return List.of();
        }
        TreeMap<Integer, Boolean> buckets = new TreeMap<>();
        if (arc.wraps()) {
            addRange(buckets, arc, grain, arc.start(), DhtArc.MAX_LOCATION);
            addRange(buckets, arc, grain, 0, arc.end());
        } else {
            addRange(buckets, arc, grain, arc.start(), arc.end());
        }
        List<LocationBucket> result = new ArrayList<>(buckets.size());
        buckets.forEach((index, whole) -> result.add(new LocationBucket(grain, index, whole)));
        return result;
    }

    private void addRange(TreeMap<Integer, Boolean> buckets, DhtArc arc, Grain grain, long start, long end) {
        int shift = 32 - bits(grain);
        long width = 1L << shift;
        long first = start >>> shift;
        long last = end >>> shift;
        for (long b = first; b <= last; b++) {
            long bucketStart = b << shift;
            long bucketEnd = bucketStart + width - 1;
            boolean whole = containsAll(arc, bucketStart, bucketEnd);
            buckets.merge((int) b, whole, Boolean::logicalOr);
        }
    }

    /** True when every location of [from, to] is in the arc (an arc holds at most one gap). */
    private static boolean containsAll(DhtArc arc, long from, long to) {
        if (arc.isFull()) {
            return true;
        }
        if (!arc.wraps()) {
            return from >= arc.start() && to <= arc.end();
        }
        return from >= arc.start() || to <= arc.end();
    }
}
