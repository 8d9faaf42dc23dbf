package org.k2store.bench.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.k2store.api.OpId;
import org.k2store.bench.Futures;
import org.k2store.bench.Tier;
import org.k2store.bench.Workload;
import org.k2store.bench.report.ResultRow;
import org.k2store.bench.report.Sample;

/**
 * Fetch: {@code retrieve_ops} and {@code filter_out_existing_ops} with one id (kitsune2's usual call)
 * and with 1000 (a large batch of discovered ids). Filter batches are half stored, half unknown ids.
 */
public final class FetchWorkload {

    private final int singleSamples;
    private final int batchSamples;
    private final List<OpId> stored = new ArrayList<>();
    private final List<List<OpId>> storedBatches = new ArrayList<>();
    private final List<List<OpId>> mixedBatches = new ArrayList<>();

    /** Picks the ids once, so every target is asked the same. */
    public FetchWorkload(Tier tier, int singleSamples, int batchSamples, long seed) {
        this.singleSamples = singleSamples;
        this.batchSamples = batchSamples;
        Random random = new Random(seed);
        for (int i = 0; i < singleSamples + 10; i++) {
            stored.add(tier.dataset().op(Math.floorMod(random.nextLong(), tier.storedOps())).id());
        }
        for (int b = 0; b < batchSamples + 1; b++) {
            List<OpId> batch = new ArrayList<>();
            List<OpId> mixed = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                OpId id = tier.dataset().op(Math.floorMod(random.nextLong(), tier.storedOps())).id();
                batch.add(id);
                if (i % 2 == 0) {
                    mixed.add(id);
                } else {
                    byte[] unknown = new byte[id.length()];
                    random.nextBytes(unknown);
                    mixed.add(OpId.of(unknown));
                }
            }
            Collections.shuffle(mixed, random);
            storedBatches.add(batch);
            mixedBatches.add(mixed);
        }
    }

    public void run(Tier tier, List<ResultRow> rows) {
        int singles = stored.size();
        int batches = storedBatches.size();
        add(rows, tier, "retrieve_ops, 1 id", Sample.interleaved(10, singleSamples, tier.probes(Workload.FETCH,
                (store, i) -> Futures.join(store.retrieveOps(List.of(stored.get(i % singles)))).size())));
        add(rows, tier, "retrieve_ops, 1000 ids", Sample.interleaved(1, batchSamples, tier.probes(Workload.FETCH,
                (store, i) -> Futures.join(store.retrieveOps(storedBatches.get(i % batches))).size())));
        add(rows, tier, "filter_out_existing_ops, 1 id", Sample.interleaved(10, singleSamples, tier.probes(Workload.FETCH,
                (store, i) -> Futures.join(store.filterOutExistingOps(List.of(stored.get(i % singles)))).size())));
        add(rows, tier, "filter_out_existing_ops, 1000 ids (half stored)", Sample.interleaved(1, batchSamples, tier.probes(Workload.FETCH,
                (store, i) -> Futures.join(store.filterOutExistingOps(mixedBatches.get(i % batches))).size())));
    }

    private static void add(List<ResultRow> rows, Tier tier, String caseName, Map<String, Sample> samples) {
        samples.forEach((target, sample) -> rows.add(sample.row(Workload.FETCH.label(), caseName, tier.storedOps(), target)));
    }
}
