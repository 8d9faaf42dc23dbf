package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * Requests that ask for unbounded work (input/limits.yml): a huge batch, a huge id list or body,
 * a huge limit_bytes, a full-arc time slice over a large-ish store, thousands of requests at once.
 * Each is served within the configured limits (the slice streamed page by page, in bounded memory)
 * or refused with a clear 400, 413 or 429 naming the limit.
 */
@ExtendWith(CassandraExtension.class)
class LimitsTest {

    private static final String TOKEN = "limits-token";
    private static final int STORE_OPS = Integer.getInteger("k2store.limits.storeOps", 5_000);
    private static final Map<String, Object> figures = new LinkedHashMap<>();

    private static InputService service;
    private static RawHttp api;
    private static HttpClient http;
    private static String space;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        service = InputService.start("limits.yml", cassandra);
        api = new RawHttp(service.api());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
        space = SpaceFixture.create(api, TOKEN, "limits-" + System.nanoTime(), 0, 0).path();
        long started = System.nanoTime();
        for (int from = 0; from < STORE_OPS; from += 1000) {
            List<String> ops = new ArrayList<>();
            for (int i = from; i < Math.min(STORE_OPS, from + 1000); i++) {
                ops.add(Base64Url.encode(Ops.memoryOp(i * 104_729L, 40, 1_000_000L + i, i)));
            }
            Reply stored = api.json("POST", space + "/ops", TOKEN, "{\"ops\": " + SpaceFixture.jsonStrings(ops) + "}");
            assertThat(stored.status()).as(stored.text()).isEqualTo(200);
        }
        figures.put("store_ops", STORE_OPS);
        figures.put("store_millis", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        Figures.write("limits", figures);
        service.close();
    }

    @Test
    void aHugeBatchOrIdListOrBodyIsRefusedNamingTheLimit() {
        String count = api.get(space + "/op-count", TOKEN).text();
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            ops.add(Base64Url.encode(Ops.memoryOp(i, 40, 5_000_000L + i, 9_000_000L + i)));
        }
        Reply batch = api.json("POST", space + "/ops", TOKEN, "{\"ops\": " + SpaceFixture.jsonStrings(ops) + "}");
        expectError(batch, 400, "ops: more than 1000");

        Reply ids = api.json("POST", space + "/ops/retrieve", TOKEN, HostileValues.manyIds(10_001));
        expectError(ids, 400, "op_ids: more than 10000");
        Reply allowed = api.json("POST", space + "/ops/filter-existing", TOKEN, HostileValues.manyIds(10_000));
        assertThat(allowed.status()).as("10,000 ids, the configured maximum").isEqualTo(200);

        byte[] big = ("{\"ops\": [\"" + "A".repeat(1_048_576) + "\"]}").getBytes(StandardCharsets.UTF_8);
        expectError(api.send(RawHttp.Request.of("POST", space + "/ops", TOKEN, "application/json", big)), 413, "body: larger than");
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri(space + "/ops")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        assertThat(chunked.statusCode()).as("a chunked body over the limit: " + chunked.body()).isEqualTo(413);
        assertThat(chunked.body()).contains("body_too_large");
        assertThat(api.get(space + "/op-count", TOKEN).text()).as("nothing stored by refused requests").isEqualTo(count);
        figures.put("huge_batch", Map.of("ops_1001", batch.status(), "ids_10001", ids.status(), "ids_10000", allowed.status(),
                "body_1MiB_declared", 413, "body_1MiB_chunked", chunked.statusCode()));
    }

    @Test
    void aLimitBytesOutsideU32IsRefusedAndEveryU32IsServed() {
        Map<String, Integer> statuses = new TreeMap<>();
        for (String limit : List.of("4294967296", "-1", "99999999999999999999", "junk")) {
            Reply reply = api.get(space + "/bounded?arc=0..4294967295&start=0&limit_bytes=" + limit, TOKEN);
            expectError(reply, 400, "limit_bytes");
            statuses.put(limit, reply.status());
        }
        // kitsune2 takes any u32 budget; the answer streams (boundedStepIds in limits.yml), so none is refused.
        for (String limit : List.of("4294967295", "16777217", "16777216", "1000")) {
            Reply reply = api.get(space + "/bounded?arc=0..4294967295&start=0&limit_bytes=" + limit, TOKEN);
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            assertThat(reply.json().path("total_bytes").asLong()).isLessThanOrEqualTo(Long.parseLong(limit));
            statuses.put(limit, reply.status());
        }
        figures.put("limit_bytes", statuses);
    }

    @Test
    void aFullArcTimeSliceOverTheWholeStoreIsStreamedInBoundedMemory() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = usedHeapAfterGc(memory);
        long peak = baseline;
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri(space + "/time-slice?arc=0..4294967295&start="
                + Long.MIN_VALUE + "&end=" + Long.MAX_VALUE)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).as("streamed, not buffered").hasValue("chunked");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        int ids = 0;
        long totalBytes = -1;
        try (JsonParser json = Reply.JSON.getFactory().createParser(response.body())) {
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    if (++ids % 2000 == 0) {
                        peak = Math.max(peak, usedHeapAfterGc(memory)); // mid-stream: one page held, not the slice
                    }
                } else if (token == JsonToken.VALUE_NUMBER_INT && "total_bytes".equals(json.currentName())) {
                    totalBytes = json.getLongValue();
                }
            }
        }
        long growth = peak - baseline;
        figures.put("full_arc_time_slice", Map.of("ids", ids, "total_bytes", totalBytes, "chunked", true,
                "heap_growth_bytes_mid_stream", growth));
        assertThat(ids).as("every stored op in the full-arc slice").isEqualTo(STORE_OPS);
        assertThat(totalBytes).isPositive();
        assertThat(growth).as("heap growth while the slice streams (service and client share this JVM)").isLessThan(64L << 20);
    }

    @Test
    void thousandsOfConcurrentRequestsAreServedOrToldToRetry() {
        int count = Integer.getInteger("k2store.limits.concurrent", 2000);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String target = i % 2 == 0 ? space + "/op-count"
                    : space + "/time-slice?arc=0..4294967295&start=0&end=" + (1_000_000L + 2000);
            answers.add(http.sendAsync(HttpRequest.newBuilder(uri(target)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            String outcome = Integer.toString(response.statusCode());
            if (response.statusCode() == 429) {
                Reply reply = new Reply(429, Map.of("content-type", response.headers().firstValue("Content-Type").orElse("")),
                        response.body().getBytes(StandardCharsets.UTF_8));
                assertThat(ErrorAnswers.problem(reply)).as(response.body()).isNull();
                assertThat(response.headers().firstValue("Retry-After")).as("429 with Retry-After").isPresent();
                String reason = reply.json().path("reason").asText();
                assertThat(reason).isIn(Set.of("overloaded", "rate_limited", "concurrency_limited"));
                assertThat(reply.json().path("message").asText()).containsAnyOf("limits.", "requests in progress");
                outcome += " " + reason;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        figures.put("concurrent_requests", Map.of("sent", count, "outcomes", outcomes));
        assertThat(outcomes.getOrDefault("200", 0)).as("some served").isPositive();
        assertThat(outcomes.keySet()).as("thousands at once meet the caps (16 per tenant, 32 in all)").anyMatch(o -> o.startsWith("429"));
        Reply health = new RawHttp(service.admin()).get("/healthcheck", null);
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(api.get(space + "/op-count", TOKEN).status()).isEqualTo(200);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void expectError(Reply reply, int status, String message) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(ErrorAnswers.problem(reply)).isNull();
        assertThat(reply.json().path("message").asText()).contains(message);
    }

    private static URI uri(String target) {
        return URI.create(service.api() + target);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
