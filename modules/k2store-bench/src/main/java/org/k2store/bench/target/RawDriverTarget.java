package org.k2store.bench.target;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.api.UnknownSpaceException;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Futures;
import org.k2store.bench.Workload;
import org.k2store.cassandra.CassandraOpStores;

/**
 * The limit: {@link RawDriverStore} on k2store's session and keyspace. It reads the spaces k2store
 * loaded (same partitions, same rows) and ingests into a fresh space uid of its own. Its
 * processIncomingOps is the {@code plain-same-rows} target's (the same {@link PlainRowWrites} code: the
 * five plain row writes per op of the new write design, fired together, no reads, no batches), not the
 * old LWT ({@code INSERT ... IF NOT EXISTS}) mutations.
 */
public final class RawDriverTarget implements BenchTarget {

    private final CassandraOpStores stores;
    private final String readsDataOf;
    private final RawStatements statements;
    private final PlainRowWrites writes;

    public RawDriverTarget(CassandraOpStores stores, String readsDataOf) {
        this.stores = stores;
        this.readsDataOf = readsDataOf;
        this.statements = new RawStatements(stores.session(), stores.config());
        this.writes = new PlainRowWrites(stores.session(), stores.config());
    }

    @Override
    public String name() {
        return "raw-driver";
    }

    @Override
    public String description() {
        return "the same CQL statements straight through the driver (ingest: the plain-same-rows writes; no read-before-write, no merge, no budget), cap "
                + stores.config().getFanOut() + " in flight";
    }

    @Override
    public Set<Workload> workloads() {
        return EnumSet.allOf(Workload.class);
    }

    @Override
    public Optional<String> readsDataOf() {
        return Optional.of(readsDataOf);
    }

    /** The limit reads index rows, never seals: every read of its is row by row. */
    @Override
    public boolean readsSealsOfOthers() {
        return false;
    }

    @Override
    public OpStore create(String space, SpaceSettings settings, MicrosClock clock) {
        return store(UUID.randomUUID(), settings, clock);
    }

    @Override
    public OpStore attach(String space, SpaceSettings settings, MicrosClock clock) {
        UUID uid = Futures.join(stores.findSpace(space)).orElseThrow(() -> new UnknownSpaceException(space)).uid();
        return store(uid, settings, clock);
    }

    private OpStore store(UUID uid, SpaceSettings settings, MicrosClock clock) {
        return new RawDriverStore(stores.session(), statements, writes, uid, settings, clock, stores.config().getFanOut(),
                stores.config().getPageSize());
    }
}
