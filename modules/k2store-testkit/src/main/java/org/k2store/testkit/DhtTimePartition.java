package org.k2store.testkit;

import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.StoredOp;
import org.k2store.api.Timestamp;

/**
 * What kitsune2's DHT model ({@code kitsune2_dht}, {@code crates/dht/src/time.rs}, {@code TimePartition})
 * asks of an op store for one sector, so that upstream's time-partition tests can run against every
 * store. It is written from upstream's documented algorithm, not translated from its code:
 *
 * <ul>
 *   <li>time starts at the Unix epoch and is cut into full slices of {@code 2^factor} x 15 min;
 *   <li>at least {@code (2^factor - 1)} x 15 min of recent time stays as partial slices of
 *       {@code 2^(factor-1)} down to {@code 2^0} x 15 min, at most two of each size, larger first;
 *   <li>a full slice's hash is the XOR of the ids {@code retrieve_op_hashes_in_time_slice} returns for
 *       it, stored with {@code store_slice_hash} only when not empty (storage is sparse), so the
 *       number of full slices is read back with {@code slice_hash_count};
 *   <li>a partial slice's hash is computed the same way but kept in memory, and reused while the
 *       slice keeps its start and size;
 *   <li>informing it of stored ops XORs each id into the slice it belongs to: a full slice by a
 *       read-modify-write of its stored hash, a partial slice in memory.
 * </ul>
 */
public final class DhtTimePartition {

    /** kitsune2_dht's {@code UNIT_TIME}: 15 minutes, in microseconds. */
    public static final long UNIT_TIME = 15L * 60 * 1_000_000;

    /** A slice of recent time: {@code [start, start + 2^size x UNIT_TIME)} and its combined hash. */
    public record PartialSlice(long start, int size, byte[] hash) {

        public long end() {
            return start + (UNIT_TIME << size);
        }
    }

    private final int factor;
    private final DhtArc sector;
    private long fullSlices;
    private List<PartialSlice> partials = new ArrayList<>();
    private long nextUpdateAt;

    private DhtTimePartition(int factor, DhtArc sector) {
        if (factor < 1 || factor > 30) {
            throw new IllegalArgumentException("factor must be in 1..30 here: " + factor);
        }
        if (sector.isEmpty()) {
            throw new IllegalArgumentException("Empty arc constraint is not valid");
        }
        this.factor = factor;
        this.sector = sector;
    }

    /** kitsune2_dht's {@code try_from_store}: reads the full-slice count, then updates to {@code now}. */
    public static DhtTimePartition fromStore(int factor, long now, DhtArc sector, OpStore store) {
        DhtTimePartition partition = new DhtTimePartition(factor, sector);
        partition.fullSlices = result(store.sliceHashCount(sector));
        long recent = now - partition.fullSliceEnd();
        if (recent < 0 || partition.fullSlices > 0 && recent < partition.minRecentTime()) {
            throw new IllegalStateException("Not enough recent time reserved: the store holds "
                    + partition.fullSlices + " full slices ending at " + partition.fullSliceEnd() + ", now is " + now);
        }
        partition.update(store, now);
        return partition;
    }

    /** The duration of the slices the sum of sizes {@code 0..=size} covers: {@code (2^(size+1) - 1) x UNIT_TIME}. */
    public static long residual(int size) {
        return ((1L << (size + 1)) - 1) * UNIT_TIME;
    }

    public static long fullSliceDuration(int factor) {
        return UNIT_TIME << factor;
    }

    /** The least recent time kept as partial slices for {@code factor}. */
    public static long minRecentTime(int factor) {
        return residual(factor - 1);
    }

    /** Allocates the full slices that fit (storing their hashes) and lays the partial slices out again. */
    public void update(OpStore store, long now) {
        long recent = now - fullSliceEnd();
        if (recent < 0) {
            throw new IllegalStateException("Current time is before the complete time slice boundary");
        }
        long newFullSlices = recent > minRecentTime() ? (recent - minRecentTime()) / fullSliceDuration() : 0;
        for (long i = 0; i < newFullSlices; i++) {
            long start = fullSliceEnd();
            byte[] hash = combine(timeSlice(store, start, start + fullSliceDuration()));
            if (hash.length > 0) {
                result(store.storeSliceHash(sector, fullSlices, hash));
            }
            fullSlices++;
        }

        List<PartialSlice> previous = partials;
        partials = new ArrayList<>();
        long start = fullSliceEnd();
        long left = now - start;
        for (int size = factor - 1; size >= 0; size--) {
            long length = UNIT_TIME << size;
            int count = left > residual(size) + length ? 2 : left > length ? 1 : 0;
            for (int k = 0; k < count; k++) {
                partials.add(partialAt(store, previous, start, size));
                start += length;
                left -= length;
            }
        }
        if (!partials.isEmpty()) {
            nextUpdateAt = partials.get(partials.size() - 1).end() + UNIT_TIME;
        }
    }

    /** kitsune2_dht's {@code inform_ops_stored}: XORs each op into the slice it falls in. */
    public void informOpsStored(OpStore store, List<StoredOp> ops) {
        for (StoredOp op : ops) {
            long createdAt = op.createdAt().micros();
            if (createdAt < fullSliceEnd()) {
                long index = createdAt / fullSliceDuration();
                Optional<byte[]> current = result(store.retrieveSliceHash(sector, index));
                byte[] updated = current.map(hash -> combineInto(hash, op.opId().toBytes())).orElse(op.opId().toBytes());
                result(store.storeSliceHash(sector, index, updated));
                continue;
            }
            if (partials.isEmpty() || createdAt >= partials.get(partials.size() - 1).end()) {
                continue; // not covered yet: a later update's time-slice query finds it
            }
            for (int i = partials.size() - 1; i >= 0; i--) {
                PartialSlice partial = partials.get(i);
                if (createdAt >= partial.start()) {
                    partials.set(i, new PartialSlice(partial.start(), partial.size(),
                            combineInto(partial.hash(), op.opId().toBytes())));
                    break;
                }
            }
        }
    }

    public long fullSlices() {
        return fullSlices;
    }

    public List<PartialSlice> partials() {
        return List.copyOf(partials);
    }

    public long nextUpdateAt() {
        return nextUpdateAt;
    }

    public long fullSliceEnd() {
        return fullSlices * fullSliceDuration();
    }

    public long fullSliceDuration() {
        return fullSliceDuration(factor);
    }

    public long minRecentTime() {
        return minRecentTime(factor);
    }

    /** kitsune2_dht's {@code combine_op_hashes}: the byte-wise XOR of the ids, empty for none. */
    public static byte[] combine(List<OpId> ids) {
        byte[] out = new byte[0];
        for (OpId id : ids) {
            out = combineInto(out, id.toBytes());
        }
        return out;
    }

    /** kitsune2_dht's {@code combine_hashes}: an empty target takes the other hash as it is. */
    public static byte[] combineInto(byte[] into, byte[] other) {
        if (into.length == 0) {
            return other.clone();
        }
        byte[] out = into.clone();
        for (int i = 0; i < Math.min(out.length, other.length); i++) {
            out[i] ^= other[i];
        }
        return out;
    }

    private PartialSlice partialAt(OpStore store, List<PartialSlice> previous, long start, int size) {
        for (PartialSlice old : previous) {
            if (old.start() == start && old.size() == size) {
                return old;
            }
        }
        return new PartialSlice(start, size, combine(timeSlice(store, start, start + (UNIT_TIME << size))));
    }

    private List<OpId> timeSlice(OpStore store, long start, long end) {
        return result(store.retrieveOpHashesInTimeSlice(sector, new Timestamp(start), new Timestamp(end))).opIds();
    }

    @Override
    public String toString() {
        return "DhtTimePartition{sector=" + sector + ", fullSlices=" + fullSlices + ", partials="
                + partials.stream().map(p -> p.start() + "/" + p.size() + "/" + Arrays.toString(p.hash())).toList() + "}";
    }
}
