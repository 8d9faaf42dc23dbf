package org.k2store.reliability.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.CassandraOpStores;
import org.k2store.cassandra.CassandraStoreConfig;
import org.k2store.cassandra.Sessions;
import org.k2store.cassandra.SpaceHandle;
import org.k2store.cassandra.embedded.LocalCluster;
import org.k2store.client.K2StoreClient;
import org.k2store.client.RemoteOpStore;
import org.k2store.client.RetryPolicy;
import org.k2store.client.SpaceId;
import org.k2store.reliability.stack.LocalStack;
import org.k2store.reliability.stack.ServiceProcess;
import org.k2store.testkit.Await;

/**
 * The local stack (3 Cassandra nodes on 127.0.0.1-3, replication factor 3, LOCAL_QUORUM, and 2
 * k2store instances as their own JVMs) under faults, each scenario counting the ops the service
 * acknowledged against the ops found afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsTest {

    private static final String KEYSPACE = "k2store";
    /** Patient enough to ride out a killed instance or node; every call is idempotent. */
    /**
     * Must hold Cassandra's write timeout (2 s), the clock skew allowed and a write budget
     * (VisibilityBudget): with a kill -9'd node requests wait for their timeouts.
     */
    private static final Duration SETTLE_WINDOW = Duration.ofSeconds(10);
    /** 2 s write timeout + the 1.5 s skew + a 2.5 s write budget. */
    private static final Duration SKEWED_SETTLE_WINDOW = Duration.ofSeconds(6);
    private static final RetryPolicy PATIENT = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private static LocalStack stack;
    private static CqlSession direct;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(Path.of("target", "local-stack"), "512m", true, SETTLE_WINDOW);
        direct = Await.result(Sessions.open(new CassandraStoreConfig().setKeyspace(KEYSPACE), stack.cluster().contactPoints())
                .toCompletableFuture());
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            direct.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static ServiceProcess service(int i) {
        return stack.services().get(i);
    }

    private static K2StoreClient client(ServiceProcess... instances) {
        List<java.net.URI> uris = new ArrayList<>();
        for (ServiceProcess instance : instances) {
            uris.add(instance.api());
        }
        return K2StoreClient.builder(uris).retryPolicy(PATIENT).requestTimeout(Duration.ofSeconds(30)).build();
    }

    private static SpaceId newSpace(String prefix) {
        byte[] id = (prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SpaceId space = SpaceId.of(id);
        Await.result(client(service(0), service(1)).createSpace(space, SpaceSettings.KITSUNE2_MEMORY));
        return space;
    }

    private static List<MetaOp> retrieveAll(OpStore store, List<OpId> ids) {
        List<MetaOp> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            found.addAll(Await.result(store.retrieveOps(ids.subList(from, Math.min(ids.size(), from + 1000)))));
        }
        return found;
    }

    /** Every id retrieve_op_ids_bounded hands out from the beginning of time, page by page with its bookmarks. */
    private static List<OpId> pageEverything(OpStore store, long limitBytes) {
        List<OpId> seen = new ArrayList<>();
        Timestamp start = new Timestamp(0);
        while (true) {
            BoundedPage page = Await.result(store.retrieveOpIdsBounded(DhtArc.FULL, start, limitBytes));
            if (page.opIds().isEmpty()) {
                return seen;
            }
            seen.addAll(page.opIds());
            start = page.next();
        }
    }

    @Test
    @Order(1)
    void aCassandraNodeKilledMidLoadLosesNoAcknowledgedOp() throws Exception {
        SpaceId space = newSpace("node-kill");
        RemoteOpStore viaFirst = client(service(0)).store(space);
        RemoteOpStore viaSecond = client(service(1)).store(space);
        LocalCluster cluster = stack.cluster();
        int readsDuringOutage = 0;
        int failedReadsDuringOutage = 0;
        int duringOutage;
        int atKill;
        WriteLoad load = new WriteLoad(List.of(viaFirst, viaSecond, viaFirst, viaSecond), 20, false, 1_000_000L);
        try {
            load.awaitAcknowledged(1000, 180);
            cluster.kill(2);
            atKill = load.acknowledged.size();
            long outageEnds = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < outageEnds) {
                for (RemoteOpStore via : List.of(viaFirst, viaSecond)) {
                    try {
                        Await.result(via.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(Long.MAX_VALUE)));
                        Await.result(via.queryTotalOpCount());
                        readsDuringOutage++;
                    } catch (RuntimeException e) {
                        failedReadsDuringOutage++;
                    }
                }
            }
            duringOutage = load.acknowledged.size() - atKill;
            cluster.restart(2);
            load.awaitAcknowledged(500, 180);
        } finally {
            load.close();
        }

        List<OpId> ids = new ArrayList<>(load.acknowledged);
        int foundViaFirst = retrieveAll(viaFirst, ids).size();
        int foundViaSecond = retrieveAll(viaSecond, ids).size();
        long rowsAtAll = readAtAll(space, ids);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("acknowledged", ids.size());
        figures.put("acknowledged_while_node_down", duringOutage);
        figures.put("found_via_instance_1", foundViaFirst);
        figures.put("found_via_instance_2", foundViaSecond);
        figures.put("found_on_every_replica_after_restart", rowsAtAll);
        figures.put("failed_batches", load.failedBatches.get());
        figures.put("reads_during_outage", readsDuringOutage);
        figures.put("failed_reads_during_outage", failedReadsDuringOutage);
        Figures.write("cassandra-node-kill", figures);

        assertThat(duringOutage).as("writes kept being acknowledged with a node down").isPositive();
        assertThat(readsDuringOutage).as("reads kept answering with a node down").isPositive();
        assertThat(failedReadsDuringOutage).isZero();
        assertThat(foundViaFirst).isEqualTo(ids.size());
        assertThat(foundViaSecond).isEqualTo(ids.size());
        assertThat(rowsAtAll).as("the restarted replica converged: a read at ALL finds everything").isEqualTo(ids.size());
    }

    /** Reads every id at consistency ALL: each of the 3 replicas, the restarted one included, must answer. */
    private static long readAtAll(SpaceId space, List<OpId> ids) {
        CassandraOpStores stores = CassandraOpStores.open(direct, new CassandraStoreConfig().setKeyspace(KEYSPACE).setApplySchema(false));
        SpaceHandle handle = Await.result(stores.findSpace(space.base64())).orElseThrow();
        long rows = 0;
        for (OpId id : ids) {
            if (direct.execute(SimpleStatement.newInstance("SELECT op_id FROM " + KEYSPACE + ".ops_by_id WHERE space_uid = ? AND op_id = ?",
                    handle.uid(), ByteBuffer.wrap(id.toBytes())).setConsistencyLevel(DefaultConsistencyLevel.ALL)).one() != null) {
                rows++;
            }
        }
        return rows;
    }

    @Test
    @Order(2)
    void aServiceInstanceKilledMidBatchLosesNothingAndDoublesNothing() throws Exception {
        SpaceId space = newSpace("service-kill");
        // Writers prefer instance 1 and fail over to instance 2; every batch is also sent twice.
        List<RemoteOpStore> writers = List.of(client(service(0), service(1)).store(space), client(service(0), service(1)).store(space),
                client(service(0), service(1)).store(space));
        WriteLoad load = new WriteLoad(writers, 50, true, 2_000_000L);
        int atKill;
        try {
            load.awaitAcknowledged(1500, 180);
            service(0).kill();
            atKill = load.acknowledged.size();
            load.awaitAcknowledged(1500, 180);
        } finally {
            load.close();
        }
        Thread.sleep(SETTLE_WINDOW.plusSeconds(1).toMillis()); // every stored op is now old enough to be paged

        RemoteOpStore reader = client(service(1)).store(space);
        List<OpId> ids = new ArrayList<>(load.acknowledged);
        int found = retrieveAll(reader, ids).size();
        List<OpId> paged = pageEverything(reader, 32 * 1024);
        List<OpId> sliced = Await.result(reader.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(Long.MAX_VALUE)))
                .opIds();
        long count = Await.result(reader.queryTotalOpCount());
        Set<OpId> pagedDistinct = new HashSet<>(paged);
        Set<OpId> slicedDistinct = new HashSet<>(sliced);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("acknowledged", ids.size());
        figures.put("acknowledged_after_kill", ids.size() - atKill);
        figures.put("ops_resent", load.resent.get());
        figures.put("failed_batches", load.failedBatches.get());
        figures.put("found", found);
        figures.put("paged_ids", paged.size());
        figures.put("paged_distinct", pagedDistinct.size());
        figures.put("time_slice_ids", sliced.size());
        figures.put("time_slice_distinct", slicedDistinct.size());
        figures.put("op_count", count);
        Figures.write("service-instance-kill", figures);

        assertThat(ids.size() - atKill).as("acknowledged after instance 1 died: the client moved to instance 2").isPositive();
        assertThat(found).isEqualTo(ids.size());
        assertThat(paged).as("bounded paging: no id twice").hasSameSizeAs(pagedDistinct);
        assertThat(sliced).as("time slice: no id twice").hasSameSizeAs(slicedDistinct);
        assertThat(pagedDistinct).containsAll(load.acknowledged).isEqualTo(slicedDistinct);
        assertThat(count).as("the op count counts each op once").isEqualTo(slicedDistinct.size());

        service(0).start(); // back for the scenarios after this one
        assertThat(Await.result(client(service(0)).store(space).queryTotalOpCount())).isEqualTo(count);
    }

    /**
     * A reader paging with bookmarks while both instances write; instance 2's clock is behind. Then
     * fresh paging: 60 ops stored through instance 2, paged 10 at a time through instance 1.
     */
    @Test
    @Order(3)
    void aReaderPagingWhileBothInstancesWriteWithSkewedClocksSkipsNothing() throws Exception {
        SkewedPair pair = SkewedPair.start(stack.cluster(), KEYSPACE, Duration.ofMillis(-1500), SKEWED_SETTLE_WINDOW);
        try {
            SkewedPair.Run settled = pair.run("skew-settled");
            Map<String, Object> figures = new LinkedHashMap<>(settled.figures());
            figures.put("clock_offset_ms", -1500);
            figures.put("settle_window_ms", SKEWED_SETTLE_WINDOW.toMillis());
            SkewedPair.Run unsettled = pair.runWithoutSettleWindow("skew-unsettled");
            figures.put("control_without_settle_window_skipped", unsettled.skipped());
            SkewedPair.Fresh fresh = pair.fresh("skew-fresh");
            figures.putAll(fresh.figures());
            Figures.write("clock-skew-paging", figures);

            assertThat(settled.acknowledged()).isGreaterThanOrEqualTo(400);
            assertThat(settled.skipped()).as("ops the paging reader never saw").isZero();
            // Closed timestamps (#14.6): the bookmark follows the slower clock, not the whole window.
            assertThat(settled.medianBookmarkLagMillis()).as("bookmark lag while writing; settle window %s", SKEWED_SETTLE_WINDOW)
                    .isLessThan(SKEWED_SETTLE_WINDOW.toMillis() * 2 / 3);
            assertThat(fresh.seen()).as("60 fresh ops paged 10 at a time").isEqualTo(fresh.stored()).isEqualTo(60);
            assertThat(fresh.pagesWithNewIds()).isEqualTo(6);
            assertThat(fresh.millisToAll()).as("reached in %d calls", fresh.calls()).isLessThan(SKEWED_SETTLE_WINDOW.toMillis());
            assertThat(unsettled.skipped()).as("the control: without a settle window the same skew does skip ops, so the check can fail")
                    .isPositive();
        } finally {
            pair.close();
        }
    }
}
