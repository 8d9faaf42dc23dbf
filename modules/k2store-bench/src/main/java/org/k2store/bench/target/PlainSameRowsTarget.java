package org.k2store.bench.target;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoredAtSequence;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Workload;
import org.k2store.cassandra.CassandraOpStores;

/**
 * Ingest limit {@code plain-same-rows}: the five row writes k2store's write design makes per new op
 * ({@link PlainRowWrites}), fired together as plain async statements, into a fresh space uid of its own
 * in k2store's tables. No reads, no batches, no markers: what k2store's writes cost the node, with none of
 * its logic. Ingest only.
 */
public final class PlainSameRowsTarget implements BenchTarget {

    private final PlainRowWrites writes;

    public PlainSameRowsTarget(CassandraOpStores stores) {
        this.writes = new PlainRowWrites(stores.session(), stores.config());
    }

    @Override
    public String name() {
        return "plain-same-rows";
    }

    @Override
    public String description() {
        return "ingest limit: k2store's 5 row writes per op (ops_by_id UPDATE USING TIMESTAMP + claims, fine+coarse ops_by_created, coarse "
                + "ops_by_stored, indexed UPDATE) as plain async statements fired together, no reads, no batches, cap " + writes.cap()
                + " in flight per call";
    }

    @Override
    public Set<Workload> workloads() {
        return EnumSet.of(Workload.INGEST);
    }

    @Override
    public OpStore create(String space, SpaceSettings settings, MicrosClock clock) {
        UUID uid = UUID.randomUUID();
        StoredAtSequence storedAt = new StoredAtSequence(clock);
        return new IngestOnlyStore() {
            @Override
            public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
                return writes.process(uid, settings, storedAt, ops);
            }
        };
    }
}
