package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.k2store.api.OpId;

/**
 * What the client sends: op batches split to the service's limits (answers concatenated in order),
 * calls spread over the instances, and a closed client refusing calls after letting the ones in
 * flight end. Against fake instances that echo each op's first 8 bytes as its id.
 */
class ClientRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SpaceId SPACE = SpaceId.parse("AQID");

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    /** An instance answering process_incoming_ops; records each request's op count and body size. */
    private URI echo(List<int[]> requests, long delayMillis) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode ops = JSON.readTree(body).get("ops");
            requests.add(new int[] {ops.size(), body.length});
            StringBuilder ids = new StringBuilder("{\"op_ids\":[");
            for (int i = 0; i < ops.size(); i++) {
                byte[] op = Base64.getUrlDecoder().decode(ops.get(i).asText());
                ids.append(i == 0 ? "" : ",").append('"')
                        .append(Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(op, 8))).append('"');
            }
            byte[] answer = ids.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static byte[] op(long index, int size) {
        return ByteBuffer.allocate(Math.max(8, size)).putLong(index).array();
    }

    private static OpId idOf(long index) {
        return OpId.of(ByteBuffer.allocate(8).putLong(index).array());
    }

    @Test
    void aBatchLongerThanTheOpLimitGoesAsSeveralCallsWithTheIdsInOrder() throws Exception {
        List<int[]> requests = new CopyOnWriteArrayList<>();
        try (K2StoreClient client = K2StoreClient.builder(echo(requests, 0)).build()) {
            List<byte[]> ops = new ArrayList<>();
            List<OpId> expected = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                ops.add(op(i, 16));
                expected.add(idOf(i));
            }
            assertThat(client.store(SPACE).processIncomingOps(ops).get()).isEqualTo(expected);
        }
        assertThat(requests).extracting(r -> r[0]).as("ops per request, at most the service's 1000").containsExactly(1000, 1000, 500);
    }

    @Test
    void aBatchLargerThanTheBodyLimitIsSplitAndAnOversizedOpGoesAlone() throws Exception {
        List<int[]> requests = new CopyOnWriteArrayList<>();
        try (K2StoreClient client = K2StoreClient.builder(echo(requests, 0)).maxBodyBytesPerRequest(4096).build()) {
            List<byte[]> ops = new ArrayList<>();
            List<OpId> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ops.add(op(i, i == 7 ? 10_000 : 1_000));
                expected.add(idOf(i));
            }
            assertThat(client.store(SPACE).processIncomingOps(ops).get()).isEqualTo(expected);
        }
        assertThat(requests.stream().mapToInt(r -> r[0]).sum()).isEqualTo(20);
        for (int[] request : requests) {
            assertThat(request[0] == 1 || request[1] <= 4096).as("a request of %d ops has a body of %d bytes", request[0], request[1]).isTrue();
        }
        assertThat(requests).as("the 10,000-byte op alone").anyMatch(r -> r[0] == 1 && r[1] > 10_000);
        assertThat(requests.size()).as("about 3 ops of 1,000 bytes per 4 KiB request").isBetween(7, 9);
    }

    @Test
    void callsAreSpreadOverTheInstances() throws Exception {
        List<int[]> first = new CopyOnWriteArrayList<>();
        List<int[]> second = new CopyOnWriteArrayList<>();
        try (K2StoreClient client = K2StoreClient.builder(List.of(echo(first, 0), echo(second, 0))).build()) {
            RemoteOpStore store = client.store(SPACE);
            for (int call = 0; call < 10; call++) {
                store.processIncomingOps(List.of(op(call, 8))).get();
            }
        }
        assertThat(first).hasSize(5);
        assertThat(second).hasSize(5);
    }

    @Test
    void closingLetsCallsInFlightEndThenRefusesNewOnes() throws Exception {
        List<int[]> requests = new CopyOnWriteArrayList<>();
        K2StoreClient client = K2StoreClient.builder(echo(requests, 300)).build();
        RemoteOpStore store = client.store(SPACE);
        CompletableFuture<List<OpId>> inFlight = store.processIncomingOps(List.of(op(1, 8)));
        client.close();
        assertThat(inFlight).as("ended before close returned").isCompletedWithValue(List.of(idOf(1)));
        CompletableFuture<List<OpId>> after = store.processIncomingOps(List.of(op(2, 8)));
        assertThat(after).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("closed");
        assertThat(requests).hasSize(1);
    }
}
