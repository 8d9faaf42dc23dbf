package org.k2store.bench.workload;

import java.util.List;
import java.util.Random;
import org.k2store.api.DhtArc;
import org.k2store.api.OpStore;
import org.k2store.api.Timestamp;
import org.k2store.bench.Futures;
import org.k2store.bench.Tier;
import org.k2store.bench.Workload;
import org.k2store.bench.data.Slices;
import org.k2store.bench.report.ResultRow;
import org.k2store.bench.report.Sample;

/**
 * The read paths whose cost should follow the answer, not the data: a sector's 128 h full slice, the
 * FULL arc's 128 h full slice, and gossip's bounded page (FULL arc since now - 30 min, 100 MiB).
 * Every target gets the same random sectors and slices.
 */
public final class SliceQueries {

    static final long GOSSIP_WINDOW = 30L * 60 * 1_000_000;
    static final long GOSSIP_BUDGET = 100L << 20;
    public static final String SECTOR_CASE = "sector, 128 h full slice";
    public static final String FULL_CASE = "FULL arc, 128 h full slice";
    public static final String FULL_FIRST_CASE = "FULL arc, 128 h full slice, first read";
    public static final String BOUNDED_CASE = "FULL arc since now - 30 min, 100 MiB";

    private final int sectorSamples;
    private final int fullSamples;
    private final int boundedSamples;
    private final long seed;

    public SliceQueries(int sectorSamples, int fullSamples, int boundedSamples, long seed) {
        this.sectorSamples = sectorSamples;
        this.fullSamples = fullSamples;
        this.boundedSamples = boundedSamples;
        this.seed = seed;
    }

    public void run(Tier tier, List<ResultRow> rows) {
        long first = Slices.firstWholeFrom(tier.dataset().startMicros());
        long last = Slices.lastWholeBefore(tier.anchorMicros());
        Random random = new Random(seed ^ tier.storedOps());
        int picks = Math.max(sectorSamples, fullSamples) + 8;
        int[] sectors = new int[picks];
        long[] slices = new long[picks];
        for (int i = 0; i < picks; i++) {
            sectors[i] = random.nextInt(DhtArc.SECTOR_COUNT);
            slices[i] = first + random.nextInt((int) (last - first + 1));
        }
        Sample.interleaved(3, sectorSamples, tier.probes(Workload.SECTOR_SLICE,
                        (store, i) -> slice(store, DhtArc.sector(sectors[i % picks]), slices[i % picks])))
                .forEach((target, sample) -> rows.add(sample.row(Workload.SECTOR_SLICE.label(), SECTOR_CASE, tier.storedOps(), target)));
        // k2store seals a settled coarse partition in the background after writing it (SealBacklog;
        // the run waits for it after loading), and failing that, the first query that reads it whole
        // (SealedSlices). First reads get slices no query has read, on every target but those that
        // would find the seals another target's first read just wrote (the fan-out-1 store, the service).
        long[] unread = unreadSlices(first, last, fullSamples + 2, random);
        Sample.interleaved(2, fullSamples, tier.probes(Workload.FULL_SLICE, (store, i) -> slice(store, DhtArc.FULL, unread[i % unread.length]),
                        target -> !target.readsSealsOfOthers()))
                .forEach((target, sample) -> rows.add(sample.row(Workload.FULL_SLICE.label(), FULL_FIRST_CASE, tier.storedOps(), target)));
        // Then the steady state: every slice of the sample read once before (untimed), as a node's
        // start-up or any earlier reader of the space would have.
        tier.stores().forEach((target, store) -> {
            if (target.readsDataOf().isEmpty() && target.workloads().contains(Workload.FULL_SLICE)) {
                for (int i = 0; i < fullSamples + 2; i++) {
                    slice(store, DhtArc.FULL, slices[(i + 3) % picks]);
                }
            }
        });
        pause(1_000); // seals are written after the answer; let the last ones land
        Sample.interleaved(2, fullSamples, tier.probes(Workload.FULL_SLICE, (store, i) -> slice(store, DhtArc.FULL, slices[(i + 3) % picks])))
                .forEach((target, sample) -> rows.add(sample.row(Workload.FULL_SLICE.label(), FULL_CASE, tier.storedOps(), target)));
        Timestamp since = new Timestamp(tier.anchorMicros() - GOSSIP_WINDOW);
        Sample.interleaved(2, boundedSamples, tier.probes(Workload.BOUNDED,
                        (store, i) -> Futures.join(store.retrieveOpIdsBounded(DhtArc.FULL, since, GOSSIP_BUDGET)).opIds().size()))
                .forEach((target, sample) -> rows.add(sample.row(Workload.BOUNDED.label(), BOUNDED_CASE, tier.storedOps(), target)));
    }

    /** Up to {@code count} distinct whole slices of the data, in random order, none of them read yet. */
    private static long[] unreadSlices(long first, long last, int count, Random random) {
        List<Long> all = new java.util.ArrayList<>();
        for (long index = first; index <= last; index++) {
            all.add(index);
        }
        java.util.Collections.shuffle(all, random);
        return all.stream().limit(count).mapToLong(Long::longValue).toArray();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long slice(OpStore store, DhtArc arc, long index) {
        return Futures.join(store.retrieveOpHashesInTimeSlice(arc, new Timestamp(Slices.start(index)), new Timestamp(Slices.start(index + 1))))
                .opIds().size();
    }
}
