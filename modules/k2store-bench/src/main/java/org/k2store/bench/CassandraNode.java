package org.k2store.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.k2store.bench.report.Progress;
import org.k2store.cassandra.CassandraStoreConfig;
import org.k2store.cassandra.Sessions;
import org.k2store.cassandra.embedded.EmbeddedCassandra;

/**
 * The Cassandra the benchmark talks to: an embedded node it starts (and stops) itself, with its data
 * under the work directory, or an existing endpoint (a test's shared node, a real cluster). Owns the
 * one driver session every Cassandra target shares.
 */
public final class CassandraNode implements AutoCloseable {

    private static final java.util.Set<String> BACKGROUND_POOLS = java.util.Set.of("CompactionExecutor", "MemtableFlushWriter",
            "MemtablePostFlush", "MemtableReclaimMemory");

    private final EmbeddedCassandra embedded;
    private final CqlSession session;
    private final String description;
    private final String contactPoint;

    private CassandraNode(EmbeddedCassandra embedded, CqlSession session, String description, String contactPoint) {
        this.embedded = embedded;
        this.session = session;
        this.description = description;
        this.contactPoint = contactPoint;
    }

    public static CassandraNode start(BenchSettings settings, Progress progress) {
        EmbeddedCassandra embedded = null;
        List<InetSocketAddress> contactPoints;
        String description;
        if (settings.cassandra() == null) {
            progress.say("starting an embedded Cassandra (heap " + settings.heap() + ", data in " + settings.work().resolve("bench-cassandra") + ")");
            embedded = EmbeddedCassandra.builder().dataDirectory(settings.work().resolve("bench-cassandra")).heap(settings.heap())
                    .deleteExistingData(true).unsafeSystem(true).build().start();
            contactPoints = List.of(embedded.contactPoint());
            description = "embedded Cassandra " + embedded.releaseVersion() + " at " + embedded.contactPoint() + ", heap " + settings.heap();
        } else {
            contactPoints = Sessions.parse(List.of(settings.cassandra().split(",")));
            description = "existing Cassandra at " + settings.cassandra();
        }
        try {
            CqlSession session = Futures.join(Sessions.open(storeConfig(settings, 32), contactPoints).toCompletableFuture());
            progress.say("connected: " + description);
            InetSocketAddress first = contactPoints.get(0);
            return new CassandraNode(embedded, session, description, first.getHostString() + ":" + first.getPort());
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /**
     * The store configuration of the run: defaults, the bench keyspace, patient timeouts, and the given
     * fan-out. K2STORE_CASSANDRA_INGEST_LANES, when set, gives the library the lanes the service
     * started by the run reads from the same variable, so one setting is swept on both.
     */
    public static CassandraStoreConfig storeConfig(BenchSettings settings, int fanOut) {
        CassandraStoreConfig config = new CassandraStoreConfig().setKeyspace(settings.keyspace()).setFanOut(fanOut)
                .setRequestTimeout(Duration.ofSeconds(60)).setSettleWindow(Duration.ZERO);
        String lanes = System.getenv("K2STORE_CASSANDRA_INGEST_LANES");
        return lanes == null || lanes.isBlank() ? config : config.setIngestLanes(Integer.parseInt(lanes.trim()));
    }

    /**
     * Waits (at most {@code limit}) until the node has no flush or compaction running or queued, so
     * the background work a load leaves behind does not land on the first measurements. Answers the
     * seconds waited.
     */
    public double awaitQuiet(Duration limit) {
        long begin = System.nanoTime();
        long deadline = begin + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long busy = 0;
            for (Row row : session.execute("SELECT name, active_tasks, pending_tasks FROM system_views.thread_pools")) {
                if (BACKGROUND_POOLS.contains(row.getString("name"))) {
                    busy += ((Number) row.getObject("active_tasks")).longValue() + ((Number) row.getObject("pending_tasks")).longValue();
                }
            }
            busy += session.execute("SELECT keyspace_name FROM system_views.sstable_tasks").all().size();
            if (busy == 0) {
                break;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    public CqlSession session() {
        return session;
    }

    /** host:port of the node, for the service the HTTP target starts. */
    public String contactPoint() {
        return contactPoint;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
