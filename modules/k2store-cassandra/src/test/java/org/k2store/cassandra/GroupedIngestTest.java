package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.LocationScheme;
import org.k2store.api.MetaOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.api.codec.OpCodec;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * Many small process_incoming_ops calls at once, as kitsune2's fetch path sends them: they share
 * writes (IngestGroups), and each call still gets its own ids in order, first writes still win,
 * and the count and the pages hold every op once.
 */
@ExtendWith(CassandraExtension.class)
class GroupedIngestTest {

    private static final int CALLS = 250;

    private static final AtomicInteger writes = new AtomicInteger();
    private static TestStores node;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        // One visibility report per write of new ops: it counts the writes the calls shared.
        node = new TestStores(endpoint, TestStores.defaults(), new QueryObserver() {
            @Override
            public void onQuery(String method, int partitions, int pages) {
            }

            @Override
            public void onVisibilityLag(long micros) {
                writes.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void close() {
        node.close();
    }

    private static OpId id(long n) {
        return Ops.suffixId(n * 2_654_435_761L % (1L << 32), n);
    }

    private static byte[] op(long n, String data) {
        return Ops.envelope(id(n), 1_000 + n, data.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void concurrentSmallCallsShareWritesAndKeepEveryGuarantee() {
        SpaceSettings envelope = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32);
        SpaceHandle space = result(node.stores.createSpace("grouped-" + UUID.randomUUID(), envelope));
        CassandraOpStore store = node.stores.store(space, MicrosClock.system(), new SettleWindow(1_000_000));

        // Fired together from one thread, as a busy service's request threads would.
        writes.set(0);
        List<CompletableFuture<List<OpId>>> calls = new ArrayList<>();
        for (int n = 0; n < CALLS; n++) {
            List<byte[]> ops = n % 25 == 0 ? List.of(op(n, "first"), op(100_000 + n, "first"), op(n, "repeat")) : List.of(op(n, "first"));
            calls.add(store.processIncomingOps(ops));
        }
        for (int n = 0; n < CALLS; n++) {
            List<OpId> expected = n % 25 == 0 ? List.of(id(n), id(100_000 + n), id(n)) : List.of(id(n));
            assertThat(result(calls.get(n))).as("call %d answers its own ids in order", n).isEqualTo(expected);
        }
        assertThat(writes.get()).as("writes of new ops for %d calls", CALLS).isBetween(1, CALLS / 2);

        // Re-sent with other data, alone and in company: the first write still wins.
        List<CompletableFuture<List<OpId>>> resent = new ArrayList<>();
        for (int n = 0; n < CALLS; n += 5) {
            resent.add(store.processIncomingOps(List.of(op(n, "later"))));
        }
        resent.forEach(call -> result(call));

        int distinct = CALLS + CALLS / 25;
        assertThat(result(store.queryTotalOpCount())).isEqualTo((long) distinct);
        BoundedPage all = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX));
        assertThat(all.opIds()).hasSize(distinct).doesNotHaveDuplicates();
        List<OpId> ids = new ArrayList<>(new HashSet<>(all.opIds()));
        Map<OpId, String> data = result(store.retrieveOps(ids)).stream()
                .collect(Collectors.toMap(MetaOp::opId, op -> new String(op.opData(), StandardCharsets.US_ASCII)));
        assertThat(data).hasSize(distinct);
        assertThat(data.values()).as("every op keeps the data it was first stored with").containsOnly("first");
    }
}
