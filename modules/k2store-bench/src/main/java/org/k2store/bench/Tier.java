package org.k2store.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.k2store.api.OpStore;
import org.k2store.bench.data.Dataset;
import org.k2store.bench.report.Sample;

/** One data set and, per target, the store holding (or reading) it: what a workload runs against. */
public record Tier(Dataset dataset, Map<BenchTarget, OpStore> stores) {

    public Tier {
        stores = new LinkedHashMap<>(stores);
    }

    public long storedOps() {
        return dataset.count();
    }

    /** The benchmark's "now" for this data: the end of the data's year. */
    public long anchorMicros() {
        return dataset.endMicros();
    }

    /** One probe per target that runs {@code workload}: the call {@code call} on its store. */
    public List<Sample.Probe> probes(Workload workload, StoreCall call) {
        return probes(workload, call, target -> true);
    }

    /** Like {@link #probes(Workload, StoreCall)}, for the targets {@code which} accepts. */
    public List<Sample.Probe> probes(Workload workload, StoreCall call, java.util.function.Predicate<BenchTarget> which) {
        List<Sample.Probe> probes = new ArrayList<>();
        stores.forEach((target, store) -> {
            if (target.workloads().contains(workload) && which.test(target)) {
                probes.add(new Sample.Probe(target.name(), target.costs(), i -> call.apply(store, i)));
            }
        });
        return probes;
    }

    /** A timed call on one store; answers the size of its answer. */
    @FunctionalInterface
    public interface StoreCall {
        long apply(OpStore store, int sample);
    }

    /** Tiers are named by size in results and space names: 1e4, 1e5, 3e5, 1e6... */
    public String label() {
        return label(storedOps());
    }

    public static String label(long ops) {
        int exponent = (int) Math.floor(Math.log10(ops));
        long mantissa = Math.round(ops / Math.pow(10, exponent));
        return mantissa * (long) Math.pow(10, exponent) == ops ? mantissa + "e" + exponent : Long.toString(ops);
    }
}
