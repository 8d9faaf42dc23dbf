package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.k2store.api.async.FanOut;

/**
 * Sends many small writes, each to one partition, as few requests. A request costs the node about
 * the same whatever it carries (decoding, dispatch, answering), and a 100-op call used to send
 * about 400 of them. Partitions with the same replicas go together as unlogged batches, so the
 * coordinator the driver picks (a replica of the first statement) is a replica of every partition in
 * it and no mutation takes an extra hop. A batch stays under Cassandra's own warning thresholds
 * (by default 10 partitions, 5 KiB of data), which {@link CassandraStoreConfig#getWriteBatchPartitions}
 * and {@link CassandraStoreConfig#getWriteBatchBytes} follow: past them the node logs a warning for
 * every such batch, and past 50 KiB it refuses it. A group larger than the byte cap on its own goes
 * alone, as a single-partition write, which those thresholds do not count.
 * <p>
 * Every statement added must be idempotent: a batch that timed out is retried whole.
 */
final class ReplicaBatches {

    /** What Cassandra counts per cell besides its value (timestamp, ttl, deletion time). */
    private static final int CELL_OVERHEAD = 16;

    private final StoreContext context;
    private final Map<Object, List<Batch>> byReplicas = new LinkedHashMap<>();
    private final Optional<TokenMap> tokens;
    private final int maxPartitions;
    private final int maxBytes;

    ReplicaBatches(StoreContext context) {
        this.context = context;
        this.tokens = context.session.getMetadata().getTokenMap();
        this.maxPartitions = context.config.getWriteBatchPartitions();
        this.maxBytes = context.config.getWriteBatchBytes();
    }

    /** One write to one partition. */
    void add(BoundStatement statement) {
        add(List.of(statement));
    }

    /** Writes to one partition (the same partition key in all of them), kept together. */
    void add(List<BoundStatement> partition) {
        if (partition.isEmpty()) {
            return;
        }
        int bytes = 0;
        for (BoundStatement statement : partition) {
            bytes += bytes(statement);
        }
        List<Batch> batches = byReplicas.computeIfAbsent(replicas(partition.get(0)), r -> new ArrayList<>());
        Batch last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
        if (last == null || !last.fits(bytes, maxPartitions, maxBytes)) {
            last = new Batch();
            batches.add(last);
        }
        last.add(partition, bytes);
    }

    /** How many requests {@link #send} makes. */
    int requests() {
        return byReplicas.values().stream().mapToInt(List::size).sum();
    }

    /** Sends every batch, at most the write fan-out at a time; completes when all are written. */
    CompletableFuture<Void> send() {
        return send(VisibilityDeadline.NONE);
    }

    /**
     * Like {@link #send()}, each request with at most the time left before {@code deadline} as its
     * timeout; a request due after it fails the whole send without being sent.
     */
    CompletableFuture<Void> send(VisibilityDeadline deadline) {
        List<Supplier<CompletableFuture<Void>>> writes = new ArrayList<>(requests());
        Duration requestTimeout = context.config.getRequestTimeout();
        for (List<Batch> batches : byReplicas.values()) {
            for (Batch batch : batches) {
                writes.add(() -> {
                    Duration timeout;
                    try {
                        timeout = deadline.timeoutFor(requestTimeout);
                    } catch (RuntimeException tooLate) {
                        return CompletableFuture.failedFuture(tooLate);
                    }
                    Statement<?> statement = batch.statement();
                    // The same object unless the deadline is nearer than a request timeout. The driver
                    // (4.19 CqlRequestHandler) starts this timeout before the request enters its
                    // throttler queue, so time spent waiting there counts against the deadline too.
                    return context.execute(timeout == requestTimeout ? statement : statement.setTimeout(timeout))
                            .thenAccept(this::reportWarnings);
                });
            }
        }
        return FanOut.all(writes, context.writeFanOut, context.executor).thenApply(done -> null);
    }

    private void reportWarnings(AsyncResultSet answer) {
        List<String> warnings = answer.getExecutionInfo().getWarnings();
        if (!warnings.isEmpty()) {
            context.observer.onServerWarnings(warnings);
        }
    }

    /** The partition's replicas, or one shared group when the driver has no token map (metadata off). */
    private Object replicas(BoundStatement statement) {
        ByteBuffer key = statement.getRoutingKey();
        CqlIdentifier keyspace = statement.getRoutingKeyspace();
        if (tokens.isEmpty() || key == null || keyspace == null) {
            return Boolean.TRUE;
        }
        Set<Node> replicas = tokens.get().getReplicas(keyspace, key);
        return replicas.isEmpty() ? Boolean.TRUE : replicas;
    }

    private static int bytes(BoundStatement statement) {
        int bytes = 0;
        for (ByteBuffer value : statement.getValues()) {
            bytes += CELL_OVERHEAD + (value == null ? 0 : value.remaining());
        }
        return bytes;
    }

    /** The partitions of one request. */
    private static final class Batch {
        private final List<BoundStatement> statements = new ArrayList<>();
        private int partitions;
        private int bytes;

        boolean fits(int more, int maxPartitions, int maxBytes) {
            return partitions < maxPartitions && bytes + more <= maxBytes;
        }

        void add(List<BoundStatement> partition, int size) {
            statements.addAll(partition);
            partitions++;
            bytes += size;
        }

        Statement<?> statement() {
            if (statements.size() == 1) {
                return statements.get(0);
            }
            BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
            statements.forEach(batch::addStatement);
            // Every statement in it is idempotent, so the batch is too (the driver may retry it).
            return batch.setIdempotence(true).setConsistencyLevel(statements.get(0).getConsistencyLevel()).build();
        }
    }
}
