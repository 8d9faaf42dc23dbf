package org.k2store.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
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
 * A gossip round of a full-arc node: one bounded page of the FULL arc since now - 30 min with a
 * 100 MiB budget, then {@code retrieve_slice_hashes} of each of the 512 sectors, one after another.
 * The stores first get a year of slice hashes in every sector (as after earlier rounds).
 */
public final class GossipRound {

    public static final String CASE = "bounded page + 512 sector slice-hash lists";

    private final int rounds;

    public GossipRound(int rounds) {
        this.rounds = rounds;
    }

    /** Stores a hash for every full slice of the data in every sector not in {@code skip} (start-up's sectors). */
    public static long prepareSliceHashes(Tier tier, OpStore store, Set<Integer> skip, int inFlight) {
        long first = Slices.index(tier.dataset().startMicros());
        long last = Slices.lastWholeBefore(tier.anchorMicros());
        SplittableRandom random = new SplittableRandom(tier.storedOps());
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        long stored = 0;
        for (int sector = 0; sector < DhtArc.SECTOR_COUNT; sector++) {
            if (skip.contains(sector)) {
                continue;
            }
            for (long index = first; index <= last; index++) {
                byte[] hash = new byte[36];
                random.nextBytes(hash);
                permits.acquireUninterruptibly();
                writes.add(store.storeSliceHash(DhtArc.sector(sector), index, hash).whenComplete((done, error) -> permits.release()));
                stored++;
            }
        }
        Futures.join(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
        return stored;
    }

    public void run(Tier tier, List<ResultRow> rows) {
        Timestamp since = new Timestamp(tier.anchorMicros() - SliceQueries.GOSSIP_WINDOW);
        Sample.interleaved(1, rounds, tier.probes(Workload.GOSSIP, (store, i) -> {
            long answer = Futures.join(store.retrieveOpIdsBounded(DhtArc.FULL, since, SliceQueries.GOSSIP_BUDGET)).opIds().size();
            for (int sector = 0; sector < DhtArc.SECTOR_COUNT; sector++) {
                answer += Futures.join(store.retrieveSliceHashes(DhtArc.sector(sector))).size();
            }
            return answer;
        })).forEach((target, sample) -> rows.add(sample.row(Workload.GOSSIP.label(), CASE, tier.storedOps(), target)));
    }
}
