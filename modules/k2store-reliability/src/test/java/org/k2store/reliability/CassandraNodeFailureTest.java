package org.k2store.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.CassandraOpStore;
import org.k2store.cassandra.CassandraOpStores;
import org.k2store.cassandra.CassandraStoreConfig;
import org.k2store.cassandra.Sessions;
import org.k2store.cassandra.SpaceHandle;
import org.k2store.cassandra.embedded.LocalCluster;
import org.k2store.testkit.Await;
import org.k2store.testkit.Ops;

/**
 * kill -9 one of three Cassandra nodes in the middle of a sustained write load through two store
 * instances (two service nodes' worth of sessions), replication factor 3 and LOCAL_QUORUM: every
 * acknowledged op is readable afterwards, reads keep answering during the outage, and once the node
 * is back a read at consistency ALL (every replica) finds everything.
 */
class CassandraNodeFailureTest {

    private static LocalCluster cluster;
    private static final List<CqlSession> sessions = new ArrayList<>();
    private static final List<CassandraOpStores> services = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = new LocalCluster(Path.of("target", "cluster"), 3, "512m", true).start();
        for (int i = 0; i < 2; i++) {
            CassandraStoreConfig config = new CassandraStoreConfig().setKeyspace("k2store_faults").setReplicationFactor(3)
                    .setRequestTimeout(Duration.ofSeconds(20)).setApplySchema(i == 0);
            CqlSession session = Await.result(Sessions.open(config, cluster.contactPoints()).toCompletableFuture());
            sessions.add(session);
            services.add(CassandraOpStores.open(session, config));
        }
    }

    @AfterAll
    static void stop() {
        services.forEach(CassandraOpStores::close);
        sessions.forEach(CqlSession::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void noAcknowledgedOpIsLostWhenANodeIsKilledMidLoad() throws Exception {
        String name = "faults-" + UUID.randomUUID();
        SpaceHandle space = Await.result(services.get(0).createSpace(name, SpaceSettings.KITSUNE2_MEMORY));
        CassandraOpStore[] stores = {
            services.get(0).store(space, org.k2store.api.MicrosClock.system(), new org.k2store.api.SettleWindow(5_000_000)),
            services.get(1).store(space, org.k2store.api.MicrosClock.system(), new org.k2store.api.SettleWindow(5_000_000))};

        Set<OpId> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failedBatches = new AtomicInteger();
        AtomicInteger readsDuringOutage = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            CassandraOpStore store = stores[w];
            int writer = w;
            writers.add(new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    List<byte[]> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++, n++) {
                        long id = writer * 10_000_000L + n;
                        batch.add(Ops.memoryOp(id * 2_654_435_761L % (1L << 32), 64, id, id));
                    }
                    try {
                        acknowledged.addAll(store.processIncomingOps(batch).get(30, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        failedBatches.incrementAndGet(); // not acknowledged: nothing is promised for it
                    }
                }
            }, "writer-" + w));
        }
        writers.forEach(Thread::start);
        waitUntil(() -> acknowledged.size() >= 500, 120);
        cluster.kill(2);
        int atKill = acknowledged.size();
        long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < outageEnds) {
            Await.result(stores[0].retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(Long.MAX_VALUE)));
            readsDuringOutage.incrementAndGet();
        }
        int duringOutage = acknowledged.size() - atKill;
        cluster.restart(2);
        waitUntil(() -> acknowledged.size() >= atKill + duringOutage + 300, 120);
        running.set(false);
        for (Thread writer : writers) {
            writer.join();
        }

        List<OpId> ids = new ArrayList<>(acknowledged);
        List<MetaOp> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            found.addAll(Await.result(stores[1].retrieveOps(ids.subList(from, Math.min(ids.size(), from + 500)))));
        }
        System.out.printf("acknowledged %d (of them %d while a node was down), found %d, failed batches %d, reads during outage %d%n",
                ids.size(), duringOutage, found.size(), failedBatches.get(), readsDuringOutage.get());
        assertThat(duringOutage).as("writes kept being acknowledged with a node down").isPositive();
        assertThat(readsDuringOutage.get()).isPositive();
        assertThat(found).hasSize(ids.size());
        assertThat(Await.result(stores[0].queryTotalOpCount())).isGreaterThanOrEqualTo((long) ids.size());

        // Every replica, the restarted one included, answers for every op.
        CqlSession all = sessions.get(0);
        long rowsAtAll = 0;
        for (OpId id : ids) {
            var row = all.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                    "SELECT op_id FROM k2store_faults.ops_by_id WHERE space_uid = ? AND op_id = ?", space.uid(),
                    java.nio.ByteBuffer.wrap(id.toBytes())).setConsistencyLevel(com.datastax.oss.driver.api.core.DefaultConsistencyLevel.ALL)).one();
            if (row != null) {
                rowsAtAll++;
            }
        }
        assertThat(rowsAtAll).isEqualTo(ids.size());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }
}
