package org.k2store.bench.target;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.k2store.api.DecodedOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.api.async.FanOut;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Workload;
import org.k2store.cassandra.CassandraOpStores;

/**
 * Ingest limit {@code plain-one-table}: one plain async INSERT per op into a table the bench owns,
 * {@code plain_ops (space_uid uuid, op_id blob, created_at bigint, data blob, PRIMARY KEY ((space_uid, op_id)))}
 * (one row, one partition per op): what the node takes when an op costs a single write. Same write
 * consistency and in-flight cap per call as k2store. Ingest only.
 */
public final class PlainOneTableTarget implements BenchTarget {

    private final CqlSession session;
    private final PreparedStatement insert;
    private final int cap;

    public PlainOneTableTarget(CassandraOpStores stores) {
        this.session = stores.session();
        this.cap = stores.config().getWriteFanOut();
        String ks = stores.config().getKeyspace();
        session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS " + ks
                + ".plain_ops (space_uid uuid, op_id blob, created_at bigint, data blob, PRIMARY KEY ((space_uid, op_id)))")
                .setTimeout(Duration.ofSeconds(60)));
        insert = session.prepare(SimpleStatement.newInstance("INSERT INTO " + ks + ".plain_ops (space_uid, op_id, created_at, data) VALUES (?, ?, ?, ?)")
                .setConsistencyLevel(DefaultConsistencyLevel.valueOf(stores.config().getWriteConsistency())).setIdempotent(true));
    }

    @Override
    public String name() {
        return "plain-one-table";
    }

    @Override
    public String description() {
        return "ingest limit: one plain async INSERT per op into the bench's plain_ops table (one partition per op), cap " + cap
                + " in flight per call";
    }

    @Override
    public Set<Workload> workloads() {
        return EnumSet.of(Workload.INGEST);
    }

    @Override
    public OpStore create(String space, SpaceSettings settings, MicrosClock clock) {
        UUID uid = UUID.randomUUID();
        return new IngestOnlyStore() {
            @Override
            public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
                List<OpId> ids = new ArrayList<>(ops.size());
                List<Supplier<CompletableFuture<Void>>> writes = new ArrayList<>(ops.size());
                for (int i = 0; i < ops.size(); i++) {
                    DecodedOp op = settings.decode(ops.get(i), "ops[" + i + "]");
                    ids.add(op.opId());
                    var bound = insert.bind(uid, ByteBuffer.wrap(op.opId().toBytes()), op.createdAt().micros(), ByteBuffer.wrap(op.storedBytes()));
                    writes.add(() -> session.executeAsync(bound).toCompletableFuture().thenApply(r -> null));
                }
                return FanOut.all(writes, cap, ForkJoinPool.commonPool()).thenApply(done -> ids);
            }
        };
    }
}
