package org.k2store.bench.target;

import java.util.Optional;
import java.util.Set;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.UnknownSpaceException;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Futures;
import org.k2store.bench.QueryCosts;
import org.k2store.bench.Workload;
import org.k2store.cassandra.CassandraOpStores;
import org.k2store.cassandra.SpaceHandle;

/**
 * k2store's Cassandra store called as a library, in this process. Two of these run in a benchmark:
 * fan-out 32 (the default, which loads the data) and fan-out 1, which reads the same spaces.
 * The settle window is zero: one writer, and the bounded page should answer what it read.
 */
public final class CassandraTarget implements BenchTarget {

    private final String name;
    private final CassandraOpStores stores;
    private final PartitionRecorder costs;
    private final String readsDataOf;
    private final Set<Workload> workloads;

    public CassandraTarget(String name, CassandraOpStores stores, PartitionRecorder costs, String readsDataOf, Set<Workload> workloads) {
        this.name = name;
        this.stores = stores;
        this.costs = costs;
        this.readsDataOf = readsDataOf;
        this.workloads = Set.copyOf(workloads);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "k2store CassandraOpStore as a library, fan-out " + stores.config().getFanOut() + ", page size "
                + stores.config().getPageSize() + ", ingest lanes " + stores.config().getIngestLanes() + ", reads/writes " + stores.config().getReadConsistency() + "/"
                + stores.config().getWriteConsistency();
    }

    @Override
    public Set<Workload> workloads() {
        return workloads;
    }

    @Override
    public Optional<String> readsDataOf() {
        return Optional.ofNullable(readsDataOf);
    }

    @Override
    public OpStore create(String space, SpaceSettings settings, MicrosClock clock) {
        SpaceHandle handle = Futures.join(stores.createSpace(space, settings));
        return stores.store(handle, clock, SettleWindow.NONE);
    }

    @Override
    public OpStore attach(String space, SpaceSettings settings, MicrosClock clock) {
        SpaceHandle handle = Futures.join(stores.findSpace(space)).orElseThrow(() -> new UnknownSpaceException(space));
        return stores.store(handle, clock, SettleWindow.NONE);
    }

    @Override
    public void release(OpStore store) {
        // The rows stay in the bench keyspace (dropped with it); nothing is held in this process.
    }

    @Override
    public Optional<QueryCosts> costs() {
        return Optional.of(costs);
    }
}
