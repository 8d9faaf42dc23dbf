package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's call threads are bounded: at most maxConcurrentCalls exchanges reach the service at
 * once, at most maxQueuedCalls wait, a call past both fails at once, and closing the client stops
 * its threads.
 */
class CallThreadsTest {

    private static final SpaceId SPACE = SpaceId.parse("AQID");

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    /** An instance that holds every op-count request until {@link #release} opens. */
    private URI holdingInstance() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            byte[] answer = "{\"count\": 5}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void callsPastTheRunningAndQueuedBoundsAreRefusedAtOnce() throws Exception {
        try (K2StoreClient client = K2StoreClient.builder(holdingInstance()).maxConcurrentCalls(2).maxQueuedCalls(1).build()) {
            RemoteOpStore store = client.store(SPACE);
            List<CompletableFuture<Long>> admitted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                admitted.add(store.queryTotalOpCount());
            }
            CompletableFuture<Long> refused = store.queryTotalOpCount();

            assertThat(refused).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(ServiceUnavailableException.class).withMessageContaining("maxQueuedCalls");
            assertThat(admitted).allMatch(call -> !call.isDone());
            long until = System.nanoTime() + 5_000_000_000L;
            while (running.get() < 2 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            Thread.sleep(100); // time for a third exchange to arrive, were it let through
            release.countDown();
            for (CompletableFuture<Long> call : admitted) {
                assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo(5L);
            }
        }
        assertThat(mostRunning.get()).as("exchanges at the service at once").isEqualTo(2);
    }

    @Test
    void closingStopsTheCallThreads() throws Exception {
        release.countDown();
        K2StoreClient client = K2StoreClient.builder(holdingInstance()).build();
        AtomicReference<Thread> callThread = new AtomicReference<>();
        client.store(SPACE).queryTotalOpCount().thenRun(() -> callThread.set(Thread.currentThread())).get(5, TimeUnit.SECONDS);
        assertThat(callThread.get().getName()).contains("-call-");
        assertThat(callThread.get().isAlive()).isTrue();

        client.close();

        callThread.get().join(5_000);
        assertThat(callThread.get().isAlive()).as("the call thread ended with the client").isFalse();
    }
}
