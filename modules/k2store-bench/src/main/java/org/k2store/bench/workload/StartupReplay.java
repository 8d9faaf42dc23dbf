package org.k2store.bench.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.Timestamp;
import org.k2store.bench.Futures;
import org.k2store.bench.Tier;
import org.k2store.bench.Workload;
import org.k2store.bench.data.Slices;
import org.k2store.bench.report.ResultRow;
import org.k2store.bench.report.Sample;

/**
 * A node's start-up as kitsune2 builds its hash partition from the store: one op count, then per
 * sector {@code slice_hash_count}, {@code earliest_timestamp_in_arc}, a 128 h time-slice query and a
 * {@code store_slice_hash} per missing full slice, and the partial slices (2^8 .. 2^0 x 15 min, at
 * most two of each) up to now. Run first on a store with no hashes for the sectors ("first start"),
 * then again ("restart": only what the stored count does not cover). Sectors are a sample spread
 * over the ring, disjoint per target because targets reading one Cassandra space share its hashes;
 * the full ring costs about 512 times the per-sector mean.
 */
public final class StartupReplay {

    private final int sectorsPerTarget;

    public StartupReplay(int sectorsPerTarget) {
        this.sectorsPerTarget = sectorsPerTarget;
    }

    /** The sectors target number {@code slot} replays: every (512 / n)-th sector, shifted by the slot. */
    public int[] sectors(int slot) {
        int stride = DhtArc.SECTOR_COUNT / sectorsPerTarget;
        if (slot >= stride) {
            throw new IllegalArgumentException("too many targets for " + sectorsPerTarget + " start-up sectors each");
        }
        int[] sectors = new int[sectorsPerTarget];
        for (int j = 0; j < sectorsPerTarget; j++) {
            sectors[j] = j * stride + slot;
        }
        return sectors;
    }

    /**
     * Replays start-up on every target that runs it, sector by sector interleaved across targets;
     * answers every sector replayed (they must not get slice hashes stored beforehand).
     */
    public Set<Integer> run(Tier tier, List<ResultRow> rows) {
        Set<Integer> used = new HashSet<>();
        Map<String, int[]> sectorsOf = new LinkedHashMap<>();
        Map<String, Long> countNanos = new LinkedHashMap<>();
        Map<String, long[]> work = new LinkedHashMap<>();
        tier.stores().forEach((target, store) -> {
            if (target.workloads().contains(Workload.STARTUP)) {
                int[] sectors = sectors(sectorsOf.size());
                sectorsOf.put(target.name(), sectors);
                Arrays.stream(sectors).forEach(used::add);
                if (!target.name().equals("raw-driver")) {
                    long begin = System.nanoTime();
                    Futures.join(store.queryTotalOpCount());
                    countNanos.put(target.name(), System.nanoTime() - begin);
                }
            }
        });
        for (String phase : List.of("first start", "restart")) {
            sectorsOf.keySet().forEach(name -> work.put(name, new long[2]));
            List<Sample.Probe> probes = new ArrayList<>();
            tier.stores().forEach((target, store) -> {
                int[] sectors = sectorsOf.get(target.name());
                if (sectors != null) {
                    long[] totals = work.get(target.name());
                    probes.add(new Sample.Probe(target.name(), Optional.empty(), i -> {
                        long[] counts = replay(store, DhtArc.sector(sectors[i]), tier.anchorMicros());
                        totals[0] += counts[0];
                        totals[1] += counts[1];
                        return counts[1];
                    }));
                }
            });
            Sample.interleaved(0, sectorsPerTarget, probes).forEach((target, sample) -> {
                long[] totals = work.get(target);
                Long count = countNanos.get(target);
                String note = String.format(Locale.ROOT, "per sector, %d sectors sampled; %.1f time-slice queries per sector; "
                        + "full ring (512 sectors) ~ %.1f s%s", sectorsPerTarget, (double) totals[0] / sectorsPerTarget,
                        (sample.latency().meanMs() * DhtArc.SECTOR_COUNT + (count == null ? 0 : count / 1e6)) / 1000,
                        count == null ? " (no op count)" : String.format(Locale.ROOT, " incl. op count %.1f ms", count / 1e6));
                rows.add(sample.row(Workload.STARTUP.label(), phase, tier.storedOps(), target).withNote(note));
            });
        }
        return used;
    }

    /** One sector's start-up; answers {time-slice queries, ids read}. */
    static long[] replay(OpStore store, DhtArc sector, long now) {
        long count = Futures.join(store.sliceHashCount(sector));
        Optional<Timestamp> earliest = Futures.join(store.earliestTimestampInArc(sector));
        long queries = 0;
        long ids = 0;
        if (earliest.isEmpty()) {
            return new long[] {queries, ids};
        }
        long lastFull = Slices.lastWholeBefore(now);
        for (long index = Math.max(count, Slices.index(earliest.get().micros())); index <= lastFull; index++) {
            List<OpId> slice = query(store, sector, Slices.start(index), Slices.start(index + 1));
            queries++;
            ids += slice.size();
            if (!slice.isEmpty()) {
                Futures.join(store.storeSliceHash(sector, index, Slices.combinedHash(slice)));
            }
        }
        long at = Slices.start(lastFull + 1);
        for (int power = 8; power >= 0; power--) {
            long size = Slices.QUARTER_HOUR << power;
            for (int n = 0; n < 2 && at + size <= now; n++) {
                ids += query(store, sector, at, at + size).size();
                queries++;
                at += size;
            }
        }
        return new long[] {queries, ids};
    }

    private static List<OpId> query(OpStore store, DhtArc arc, long from, long to) {
        return Futures.join(store.retrieveOpHashesInTimeSlice(arc, new Timestamp(from), new Timestamp(to))).opIds();
    }
}
