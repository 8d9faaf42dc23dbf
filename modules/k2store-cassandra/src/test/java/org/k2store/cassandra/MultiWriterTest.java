package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.BoundedCursor;
import org.k2store.api.BoundedPage;
import org.k2store.api.BoundedStep;
import org.k2store.api.DhtArc;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * Two service nodes (two sessions, two store instances, clocks 400 ms apart) write the same space
 * while a reader pages with bookmarks. The contract's multi-writer rules: one first writer per op,
 * an exact count, and a reader that never skips an acknowledged op. Each node's stores stamp with
 * the node's own clock, as in production, so the reader's bookmarks come from closed timestamps.
 */
@ExtendWith(CassandraExtension.class)
class MultiWriterTest {

    private static final long SKEW = 400_000;
    private static final SettleWindow SETTLE = new SettleWindow(2_000_000);
    private static final MicrosClock SYSTEM = MicrosClock.system();
    /** Node B's clock, behind node A's (within the configured maxClockSkew of 500 ms). */
    private static final MicrosClock BEHIND = () -> SYSTEM.nowMicros() - SKEW;

    private static TestStores nodeA;
    private static TestStores nodeB;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        nodeA = new TestStores(endpoint, TestStores.defaults());
        nodeB = new TestStores(endpoint, TestStores.defaults().setApplySchema(false), QueryObserver.NONE, BEHIND);
    }

    @AfterAll
    static void close() {
        nodeA.close();
        nodeB.close();
    }

    private static CassandraOpStore[] space(MicrosClock clockA, MicrosClock clockB) {
        String name = "multi-" + UUID.randomUUID();
        SpaceHandle space = result(nodeA.stores.createSpace(name, SpaceSettings.KITSUNE2_MEMORY));
        SpaceHandle same = result(nodeB.stores.createSpace(name, SpaceSettings.KITSUNE2_MEMORY));
        assertThat(same.uid()).isEqualTo(space.uid());
        return new CassandraOpStore[] {nodeA.stores.store(space, clockA, SETTLE), nodeB.stores.store(same, clockB, SETTLE)};
    }

    @Test
    void theSameOpStoredOnTwoNodesAtOnceHasOneFirstWriter() {
        CassandraOpStore[] nodes = space(SYSTEM, BEHIND);
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ops.add(Ops.memoryOp((long) i << 22, 48, 1000 + i, i));
        }
        CompletableFuture<List<OpId>> a = nodes[0].processIncomingOps(ops);
        CompletableFuture<List<OpId>> b = nodes[1].processIncomingOps(ops);
        assertThat(result(a)).isEqualTo(result(b)).hasSize(200);

        assertThat(result(nodes[0].queryTotalOpCount())).isEqualTo(200L);
        assertThat(result(nodes[1].queryTotalOpCount())).isEqualTo(200L);
        BoundedPage all = result(nodes[0].retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX));
        assertThat(all.opIds()).as("one stored_at per op: no op listed twice").hasSize(200).doesNotHaveDuplicates();
        assertThat(result(nodes[1].retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(5000))).opIds())
                .hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void aPagingReaderNeverSkipsAnOpWrittenConcurrentlyOnSkewedNodes() throws Exception {
        CassandraOpStore[] nodes = space(SYSTEM, BEHIND);
        Set<OpId> acknowledged = ConcurrentHashMap.newKeySet();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            CassandraOpStore node = nodes[w];
            int writer = w;
            writers.add(new Thread(() -> {
                for (int batch = 0; batch < 30; batch++) {
                    List<byte[]> ops = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        long n = writer * 1_000_000L + batch * 100L + i;
                        ops.add(Ops.memoryOp(n * 7919 % (1L << 32), 32, n, n));
                    }
                    acknowledged.addAll(result(node.processIncomingOps(ops)));
                }
            }));
        }
        writers.forEach(Thread::start);

        // The reader pages through node A with a small budget, as gossip does with its bookmark.
        Set<OpId> seen = new HashSet<>();
        Timestamp bookmark = new Timestamp(0);
        for (int round = 0; round < 10_000; round++) {
            BoundedPage page = result(nodes[0].retrieveOpIdsBounded(DhtArc.FULL, bookmark, 20 * 32));
            seen.addAll(page.opIds());
            bookmark = page.next();
            boolean writing = writers.stream().anyMatch(Thread::isAlive);
            if (!writing && seen.containsAll(acknowledged)) {
                break;
            }
            Thread.sleep(writing ? 5 : 100); // a reader polls; after the writers, wait out the settle window
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(acknowledged).hasSize(600);
        Set<OpId> skipped = new HashSet<>(acknowledged);
        skipped.removeAll(seen);
        assertThat(skipped).as("ops the paging reader never saw").isEmpty();
        assertThat(result(nodes[1].queryTotalOpCount())).isEqualTo(600L);
    }

    @Test
    void boundedStepsNeverSplitOpsThatShareAStoredAtFromTwoNodes() {
        // Two nodes whose clocks read the same instant stamp their batches with the same stored_at
        // values: every stamp is shared by two ops. Steps of one or two ids must still neither repeat
        // nor lose one of a pair, for every budget.
        long t = 1_800_000_000_000_000L;
        MicrosClock fixed = () -> t;
        CassandraOpStore[] nodes = space(fixed, fixed);
        List<byte[]> a = new ArrayList<>();
        List<byte[]> b = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            a.add(Ops.memoryOp((long) i << 27, 20 + i, 10 + i, i));
            b.add(Ops.memoryOp(((long) i << 27) + 5, 40 - i, 10 + i, 100 + i));
        }
        result(nodes[0].processIncomingOps(a));
        result(nodes[1].processIncomingOps(b));
        BoundedPage all = result(nodes[0].retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX));
        assertThat(all.opIds()).hasSize(24).doesNotHaveDuplicates();
        for (long budget : new long[] {OpSizes.U32_MAX, 30 * 5, 30 * 7 + 1, 61}) {
            BoundedPage whole = result(nodes[0].retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), budget));
            for (int step : new int[] {1, 2, 3}) {
                List<OpId> ids = new ArrayList<>();
                long total = 0;
                BoundedCursor cursor = null;
                BoundedStep last;
                int steps = 0;
                do {
                    last = result(nodes[0].retrieveOpIdsBoundedStep(DhtArc.FULL, new Timestamp(0), budget, cursor, step));
                    ids.addAll(last.opIds());
                    total += last.totalBytes();
                    cursor = last.resume();
                } while (!last.complete() && ++steps < 100);
                assertThat(ids).as("budget %d, step %d", budget, step).isEqualTo(whole.opIds());
                assertThat(total).isEqualTo(whole.totalBytes());
                assertThat(last.next()).isEqualTo(whole.next());
            }
        }
    }
}
