package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With several service instances, a call that finds one dead (no answer) or unavailable (503) is
 * retried on the next, and later calls stay there instead of paying the failure again.
 */
class FailoverTest {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(1));

    private final List<HttpServer> servers = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    /** A fake instance answering every request with {@code status} and {@code body}, counting requests. */
    private URI instance(int status, String body, AtomicInteger requests) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static URI deadInstance() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void aDeadInstanceCostsOneAttemptThenCallsGoToTheNext() throws Exception {
        AtomicInteger live = new AtomicInteger();
        URI healthy = instance(200, "{\"count\": 7}", live);
        K2StoreClient client = K2StoreClient.builder(List.of(deadInstance(), healthy)).retryPolicy(QUICK).build();
        RemoteOpStore store = client.store(SpaceId.parse("AQID"));
        for (int call = 0; call < 5; call++) {
            assertThat(store.queryTotalOpCount().get()).isEqualTo(7);
        }
        assertThat(live.get()).as("every call answered by the live instance, once each").isEqualTo(5);
    }

    @Test
    void anUnavailableInstanceIsLeftForTheNextAndAnOverloadedOneIsNot() throws Exception {
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger live = new AtomicInteger();
        String error = "{\"code\": 503, \"reason\": \"unavailable\", \"message\": \"Cassandra is not connected\"}";
        K2StoreClient client = K2StoreClient.builder(List.of(instance(503, error, unavailable), instance(200, "{\"count\": 3}", live)))
                .retryPolicy(QUICK).build();
        RemoteOpStore store = client.store(SpaceId.parse("AQID"));
        assertThat(store.queryTotalOpCount().get()).isEqualTo(3);
        assertThat(store.queryTotalOpCount().get()).isEqualTo(3);
        assertThat(unavailable.get()).isEqualTo(1);
        assertThat(live.get()).isEqualTo(2);

        AtomicInteger overloaded = new AtomicInteger();
        String busy = "{\"code\": 429, \"reason\": \"too_many_requests\", \"message\": \"rate limit\"}";
        K2StoreClient same = K2StoreClient.builder(List.of(instance(429, busy, overloaded), instance(200, "{\"count\": 3}", live)))
                .retryPolicy(QUICK).build();
        assertThat(same.store(SpaceId.parse("AQID")).queryTotalOpCount()).failsWithin(Duration.ofSeconds(10));
        assertThat(overloaded.get()).as("429 is this tenant's limit: every instance enforces it, so stay").isEqualTo(3);
    }
}
