package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.BoundedCursor;
import org.k2store.api.BoundedStep;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SliceHash;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoreUnavailableException;
import org.k2store.api.TimeSliceReader;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.client.K2StoreClient;
import org.k2store.client.RemoteOpStore;
import org.k2store.client.RetryPolicy;
import org.k2store.client.SpaceId;
import org.k2store.server.backend.MeteredStore;
import org.k2store.testkit.Await;
import org.k2store.testkit.Ops;

/**
 * A store call that fails after a streamed answer has started (issue 14.2: Cassandra paused
 * mid-stream) must reach every client as an error: the chunked answer must not end as a complete
 * HTTP message, whatever bytes it carried, and the Java client must fail the call instead of
 * returning the ids or ops it got so far. The failure is injected in the space's store: every page
 * of a time slice, bounded answer or slice-hash list after the first, and every retrieve of ids that
 * holds the poisoned id.
 */
@ExtendWith(CassandraExtension.class)
class StreamFailureTest {

    private static final Timestamp START = Timestamp.ofMicros(0);
    private static final Timestamp END = Timestamp.ofMicros(1_000_000_000_000L);
    private static final int SLICE_OPS = 1200;
    private static final int RETRIEVE_OPS = 40;
    private static final int SLICE_HASHES = 1_500;

    private static final FaultyTuning TUNING = new FaultyTuning();
    private static TestServer server;
    private static K2StoreClient client;
    private static SpaceId sliceSpace;
    private static SpaceId retrieveSpace;
    private static List<OpId> retrieveIds;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        // Pages of 300 ids (about 14 KB) and chunks of two 8 KiB ops: each first part is past
        // Jersey's 8 KiB buffer, so the answer is committed (200, chunked) before the failure.
        server = TestServer.start("conformance.yml", TUNING, cassandra,
                ConfigOverride.config("limits.timeSliceChunkIds", "300"),
                ConfigOverride.config("limits.retrieveChunkOps", "2"),
                ConfigOverride.config("limits.retrieveChunkBytes", "16384"),
                ConfigOverride.config("limits.boundedStepIds", "300"));
        client = K2StoreClient.builder(server.api()).retryPolicy(RetryPolicy.NONE).build();

        sliceSpace = newSpace();
        List<byte[]> sliceOps = new ArrayList<>();
        for (int i = 0; i < SLICE_OPS; i++) {
            sliceOps.add(Ops.memoryOp(i * 3_000_000L, 64, 1_000_000L + i, i));
        }
        Await.result(client.store(sliceSpace).processIncomingOps(sliceOps));

        retrieveSpace = newSpace();
        List<byte[]> bigOps = new ArrayList<>();
        for (int i = 0; i < RETRIEVE_OPS; i++) {
            bigOps.add(Ops.memoryOp(i * 100_000_000L, 8192, 1_000_000L + i, i));
        }
        retrieveIds = Await.result(client.store(retrieveSpace).processIncomingOps(bigOps));
        TUNING.poison = retrieveIds.get(RETRIEVE_OPS - 1);

        // More hashes than one page of the slice-hash list, so its second page is read mid-answer.
        for (int from = 0; from < SLICE_HASHES; from += 100) { // 100 at a time: the tenant's cap is 128
            List<CompletableFuture<Void>> hashes = new ArrayList<>();
            for (int i = from; i < from + 100; i++) {
                hashes.add(client.store(sliceSpace).storeSliceHash(DhtArc.sector(1), i, new byte[32]));
            }
            Await.result(CompletableFuture.allOf(hashes.toArray(CompletableFuture[]::new)));
        }

        TUNING.faulty.add(sliceSpace.base64());
        TUNING.faulty.add(retrieveSpace.base64());
    }

    private static SpaceId newSpace() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        SpaceId space = SpaceId.of(id);
        Await.result(client.createSpace(space, SpaceSettings.KITSUNE2_MEMORY));
        return space;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTimeSliceThatFailsMidStreamIsNotACompleteAnswerOnTheWire() throws IOException {
        ChunkedWire wire = ChunkedWire.exchange(server, "GET /v1/spaces/" + sliceSpace.base64() + "/time-slice?arc=" + DhtArc.FULL
                + "&start=" + START.micros() + "&end=" + END.micros(), null);

        wire.assertCutShort();
    }

    @Test
    void aTimeSliceThatFailsMidStreamFailsInTheClient() {
        RemoteOpStore store = client.store(sliceSpace);

        assertThatThrownBy(() -> Await.result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, START, END)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aBoundedPageThatFailsMidStreamIsNotACompleteAnswerOnTheWireNorInTheClient() throws IOException {
        ChunkedWire wire = ChunkedWire.exchange(server, "GET /v1/spaces/" + sliceSpace.base64() + "/bounded?arc=" + DhtArc.FULL
                + "&start=0&limit_bytes=4294967295", null);

        wire.assertCutShort();
        assertThatThrownBy(() -> Await.result(client.store(sliceSpace).retrieveOpIdsBounded(DhtArc.FULL, START, 4_294_967_295L)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aSliceHashListThatFailsMidStreamIsNotACompleteAnswerOnTheWireNorInTheClient() throws IOException {
        ChunkedWire wire = ChunkedWire.exchange(server, "GET /v1/spaces/" + sliceSpace.base64() + "/slice-hashes/" + DhtArc.sector(1), null);

        wire.assertCutShort();
        assertThatThrownBy(() -> Await.result(client.store(sliceSpace).retrieveSliceHashes(DhtArc.sector(1))))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void aRetrieveThatFailsMidStreamIsNotACompleteAnswerOnTheWire() throws IOException {
        StringBuilder body = new StringBuilder("{\"op_ids\":[");
        for (int i = 0; i < retrieveIds.size(); i++) {
            body.append(i == 0 ? "" : ",").append('"').append(retrieveIds.get(i).toBase64()).append('"');
        }
        body.append("]}");

        ChunkedWire wire = ChunkedWire.exchange(server, "POST /v1/spaces/" + retrieveSpace.base64() + "/ops/retrieve", body.toString());

        wire.assertCutShort();
    }

    @Test
    void aRetrieveThatFailsMidStreamFailsInTheClient() {
        RemoteOpStore store = client.store(retrieveSpace);

        assertThatThrownBy(() -> Await.result(store.retrieveOps(retrieveIds))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theSameAnswersWithoutTheFaultAreComplete() {
        // The control: the same calls on the faulty spaces, stopped before the injected failure.
        List<MetaOp> ops = Await.result(client.store(retrieveSpace).retrieveOps(retrieveIds.subList(0, RETRIEVE_OPS - 1)));
        assertThat(ops).hasSize(RETRIEVE_OPS - 1);
        ChunkedWire wire = ChunkedWire.exchange(server, "GET /v1/spaces/" + sliceSpace.base64() + "/time-slice?arc=" + DhtArc.FULL
                + "&start=" + START.micros() + "&end=" + (START.micros() + 1_000_100L), null);
        assertThat(wire.status).isEqualTo(200);
        assertThat(wire.terminated || wire.contentLength == wire.body.length).as(wire.head).isTrue();
        assertThat(wire.reset).isFalse();
    }

    @Test
    void manyLargeOpsAreRetrievedWhole() {
        // 12 ops of 512 KiB against a 16 KiB budget: one op per step, all of them in the answer.
        // One op a batch: a MemoryOp's JSON and base64 make its post several times its size.
        SpaceId space = newSpace();
        RemoteOpStore store = client.store(space);
        List<byte[]> posted = new ArrayList<>();
        List<OpId> ids = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            byte[] op = Ops.memoryOp(n * 300_000_000L, 512 * 1024, 1_000_000L + n, n);
            ids.addAll(Await.result(store.processIncomingOps(List.of(op))));
            posted.add(op);
        }

        List<MetaOp> ops = Await.result(store.retrieveOps(ids));

        assertThat(ops).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(ops.get(i).opId()).isEqualTo(ids.get(i));
            assertThat(ops.get(i).opData()).isEqualTo(posted.get(i));
        }
    }

    /** System clocks and the configured window; the spaces in {@link #faulty} are served by {@link FailingStore}. */
    private static final class FaultyTuning implements StoreTuning {
        final Set<String> faulty = ConcurrentHashMap.newKeySet();
        volatile OpId poison;

        @Override
        public MicrosClock clockFor(String space) {
            return MicrosClock.system();
        }

        @Override
        public SettleWindow settleWindowFor(String space, SettleWindow configured) {
            return configured;
        }

        @Override
        public MeteredStore served(String space, MeteredStore store) {
            return new FailingStore(store, this, space);
        }
    }

    /** The Cassandra store, except that it fails like a paused Cassandra where the test says so. */
    private static final class FailingStore extends MeteredStore {
        private final FaultyTuning tuning;
        private final String space;

        FailingStore(MeteredStore served, FaultyTuning tuning, String space) {
            super(served);
            this.tuning = tuning;
            this.space = space;
        }

        private boolean faulty() {
            return tuning.faulty.contains(space);
        }

        private static <T> CompletableFuture<T> paused() {
            return CompletableFuture.failedFuture(new StoreUnavailableException("injected: Cassandra paused mid-stream", null));
        }

        @Override
        public TimeSliceReader openTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
            TimeSliceReader slice = super.openTimeSlice(arc, start, end);
            boolean[] first = {true};
            return maxIds -> {
                boolean later = !first[0];
                first[0] = false;
                return faulty() && later ? paused() : slice.nextPage(maxIds);
            };
        }

        @Override
        public CompletableFuture<BoundedStep> retrieveOpIdsBoundedStep(DhtArc arc, Timestamp start, long limitBytes,
                BoundedCursor after, int maxIds) {
            return faulty() && after != null ? paused() : super.retrieveOpIdsBoundedStep(arc, start, limitBytes, after, maxIds);
        }

        @Override
        public CompletableFuture<List<SliceHash>> retrieveSliceHashesFrom(DhtArc arc, long fromIndex, int limit) {
            return faulty() && fromIndex != 0 ? paused() : super.retrieveSliceHashesFrom(arc, fromIndex, limit);
        }

        @Override
        public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
            return faulty() && ids.contains(tuning.poison) ? paused() : super.retrieveOps(ids);
        }
    }
}
