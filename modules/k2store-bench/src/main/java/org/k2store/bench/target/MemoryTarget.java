package org.k2store.bench.target;

import java.util.EnumSet;
import java.util.Set;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Workload;
import org.k2store.memory.MemoryOpStore;

/** The in-memory reference store in this process: the upper bound of what an op store can answer. */
public final class MemoryTarget implements BenchTarget {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "k2store MemoryOpStore (the contract's oracle), in this process";
    }

    /** Every op's bytes on the bench's heap: 3 x 10^6 ops of up to 2 KiB is about what it holds. */
    @Override
    public long maxStoredOps() {
        return 3_000_000L;
    }

    @Override
    public Set<Workload> workloads() {
        return EnumSet.allOf(Workload.class);
    }

    @Override
    public OpStore create(String space, SpaceSettings settings, MicrosClock clock) {
        return new MemoryOpStore(settings, clock, SettleWindow.NONE);
    }
}
