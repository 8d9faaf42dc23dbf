package org.k2store.reliability.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.k2store.cassandra.embedded.EmbeddedCassandra;
import org.k2store.reliability.stack.ServiceConfig;
import org.k2store.server.K2StoreApplication;
import org.k2store.server.K2StoreConfiguration;
import org.k2store.testkit.Ops;

/**
 * Cassandra down when the service starts, then down again in mid-run: the service still starts,
 * answers every call with 503 + Retry-After and a JSON error, reports unhealthy on the admin
 * port's /healthcheck while /ready stays up (so Kubernetes keeps routing to it), and recovers by itself when Cassandra returns, with the data stored before intact.
 */
class CassandraOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPACE = "b3V0YWdl"; // base64url "outage"

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedCassandra.Builder nodeSettings;
    private static EmbeddedCassandra node;
    private static DropwizardTestSupport<K2StoreConfiguration> service;
    private static final Map<String, Object> figures = new LinkedHashMap<>();

    @BeforeAll
    static void startServiceWithCassandraDown() throws Exception {
        int nativePort = freePort();
        nodeSettings = EmbeddedCassandra.builder().dataDirectory(Path.of("target", "outage-node")).deleteExistingData(true)
                .nativePort(nativePort).storagePort(freePort()).jmxPort(freePort()).heap("512m");
        Path yaml = Files.createTempFile("k2store-outage", ".yml");
        Files.writeString(yaml, new ServiceConfig(0, 0, List.of(new InetSocketAddress("127.0.0.1", nativePort)),
                EmbeddedCassandra.LOCAL_DATACENTER, "k2store_outage", 1, true, Duration.ofSeconds(4)).yaml()); // the shortest window the node's 2 s write timeout leaves a budget in
        service = new DropwizardTestSupport<>(K2StoreApplication.class, yaml.toString());
        service.before(); // nothing listens on the contact point yet
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.after();
        }
        if (node != null) {
            node.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Reply(int status, String body, String retryAfter) {
    }

    private static Reply send(String method, URI uri, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
    }

    private static URI api(String path) {
        return URI.create("http://127.0.0.1:" + service.getLocalPort() + "/v1/spaces/" + SPACE + path);
    }

    private static Reply health() throws Exception {
        return send("GET", URI.create("http://127.0.0.1:" + service.getAdminPort() + "/healthcheck"), null);
    }

    private static String someOps(long from, int count) {
        List<String> ops = new ArrayList<>();
        for (long i = from; i < from + count; i++) {
            ops.add("\"" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Ops.memoryOp(i * 7919, 32, 1_000 + i, i)) + "\"");
        }
        return "{\"ops\": [" + String.join(",", ops) + "]}";
    }

    /** Every call a client makes gets 503, Retry-After and a JSON error; the health check fails. */
    private static int assertUnavailable() throws Exception {
        int checked = 0;
        for (Reply reply : List.of(send("PUT", api(""), "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}"),
                send("POST", api("/ops"), someOps(10_000, 5)), send("GET", api("/op-count"), null),
                send("GET", api("/time-slice?arc=0..4294967295&start=0&end=1000000"), null))) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(503);
            assertThat(reply.retryAfter()).as("Retry-After").isNotNull();
            JsonNode error = JSON.readTree(reply.body());
            assertThat(error.path("code").asInt()).isEqualTo(503);
            assertThat(error.path("message").asText()).isNotBlank();
            checked++;
        }
        Reply health = health();
        assertThat(health.status()).as(health.body()).isNotEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("cassandra").path("healthy").asBoolean()).isFalse();
        // Readiness stays up: every pod shares the outage, and a ready pod's 503 + Retry-After is
        // what a client should get, not a Service with no endpoints.
        Reply ready = send("GET", URI.create("http://127.0.0.1:" + service.getAdminPort() + "/ready"), null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        return checked;
    }

    private static long awaitHealthy(int seconds) throws Exception {
        long start = System.nanoTime();
        WriteLoad.waitUntil(() -> {
            try {
                return health().status() == 200;
            } catch (Exception e) {
                return false;
            }
        }, seconds);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void theServiceAnswers503WhileCassandraIsDownAndRecoversByItself() throws Exception {
        figures.put("unavailable_answers_at_startup", assertUnavailable());

        node = nodeSettings.build().start();
        figures.put("recovered_after_cassandra_started_ms", awaitHealthy(120));
        assertThat(send("PUT", api(""), "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}").status()).isIn(200, 201);
        assertThat(send("POST", api("/ops"), someOps(0, 200)).status()).isEqualTo(200);
        assertThat(JSON.readTree(send("GET", api("/op-count"), null).body()).path("count").asLong()).isEqualTo(200);

        ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroyForcibly); // kill -9 mid-run
        node.awaitExit();
        node.close();
        Thread.sleep(1500); // one health interval, so the cached probe is fresh
        figures.put("unavailable_answers_mid_run", assertUnavailable());

        node = nodeSettings.deleteExistingData(false).build().start();
        figures.put("recovered_after_cassandra_restarted_ms", awaitHealthy(120));
        WriteLoad.waitUntil(() -> {
            try {
                return send("GET", api("/op-count"), null).status() == 200;
            } catch (Exception e) {
                return false;
            }
        }, 60);
        assertThat(JSON.readTree(send("GET", api("/op-count"), null).body()).path("count").asLong())
                .as("the ops stored before the outage").isEqualTo(200);
        assertThat(send("POST", api("/ops"), someOps(200, 50)).status()).isEqualTo(200);
        assertThat(JSON.readTree(send("GET", api("/op-count"), null).body()).path("count").asLong()).isEqualTo(250);
        Figures.write("cassandra-outage", figures);
    }
}
