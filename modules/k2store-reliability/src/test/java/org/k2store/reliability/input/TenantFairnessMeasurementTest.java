package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * The fairness measurement (tag "heavy", not in the default run): tenant calm's p99 latency alone,
 * then while tenant flood sends from many threads far beyond its limits (input/fairness.yml: 20
 * requests/s, 4 in progress), side by side in one run; calm's p99 must stay within 2x. Figures go
 * to results/fairness.json. Run it with:
 * {@code mvn -B -ntp -pl modules/k2store-reliability -am verify -Dgroups=heavy -DexcludedGroups=}
 */
@Tag("heavy")
@ExtendWith(CassandraExtension.class)
class TenantFairnessMeasurementTest {

    private static final int REQUESTS = Integer.getInteger("k2store.fairness.requests", 2000);
    private static final int FLOOD_THREADS = Integer.getInteger("k2store.fairness.floodThreads", 8);

    private static InputService service;
    private static SpaceFixture calmSpace;
    private static SpaceFixture floodSpace;
    private static HttpClient http;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        service = InputService.start("fairness.yml", cassandra);
        RawHttp api = new RawHttp(service.api());
        calmSpace = SpaceFixture.create(api, TenantFairnessTest.CALM, "calm-measured", 20, 1_700_000_000_000_000L);
        floodSpace = SpaceFixture.create(api, TenantFairnessTest.CALM, "flood-measured", 20, 1_700_000_000_000_000L);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void calmsP99StaysWithinTwiceItsFigureAloneWhileFloodFloods() throws Exception {
        calmLatencies(REQUESTS / 2); // warm-up: JIT, connections, Cassandra caches
        long[] alone = calmLatencies(REQUESTS);
        long[] flooded;
        Flood flood = new Flood(URI.create(service.api() + floodSpace.path() + "/op-count"), TenantFairnessTest.FLOOD, FLOOD_THREADS);
        long floodStarted = System.nanoTime();
        try (flood) {
            Thread.sleep(1000); // the flood at full speed before calm is measured
            flooded = calmLatencies(REQUESTS);
        }
        double floodSeconds = (System.nanoTime() - floodStarted) / 1e9;

        double ratio = (double) percentile(flooded, 99) / percentile(alone, 99);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("calm_requests_per_phase", REQUESTS);
        figures.put("calm_alone_ms", summary(alone));
        figures.put("calm_while_flooded_ms", summary(flooded));
        figures.put("p99_ratio", Math.round(ratio * 100) / 100.0);
        figures.put("flood", Map.of("threads", FLOOD_THREADS, "limits", "20 requests/s, 4 in progress", "sent", flood.sent(),
                "per_second", Math.round(flood.sent() / floodSeconds), "outcomes", flood.outcomes()));
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores, service, Cassandra and both clients on it");
        Figures.write(Path.of("results", "fairness.json"), figures);
        Figures.write("tenant-fairness-measurement", figures);
        System.out.println("fairness: " + figures);

        assertThat(flood.refused()).as("the flood went beyond its limits").isGreaterThan(flood.count("200"));
        assertThat(flood.unexpected()).isNull();
        assertThat(ratio).as("calm's p99 while flooded / alone: " + figures).isLessThanOrEqualTo(2.0);
    }

    /** Calm's requests one after another (op-count and a retrieve of 5 ops, alternately), each one's latency in ns. */
    private static long[] calmLatencies(int count) throws Exception {
        HttpRequest opCount = HttpRequest.newBuilder(URI.create(service.api() + calmSpace.path() + "/op-count"))
                .header("Authorization", "Bearer " + TenantFairnessTest.CALM).build();
        HttpRequest retrieve = HttpRequest.newBuilder(URI.create(service.api() + calmSpace.path() + "/ops/retrieve"))
                .header("Authorization", "Bearer " + TenantFairnessTest.CALM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"op_ids\": " + SpaceFixture.jsonStrings(calmSpace.opIds().subList(0, 5)) + "}"))
                .build();
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(i % 2 == 0 ? opCount : retrieve, HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - started;
            assertThat(response.statusCode()).as("calm's request: " + response.body()).isEqualTo(200);
        }
        return latencies;
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static Map<String, Double> summary(long[] latencies) {
        Map<String, Double> summary = new LinkedHashMap<>();
        for (int p : new int[] {50, 90, 99}) {
            summary.put("p" + p, Math.round(percentile(latencies, p) / 10_000.0) / 100.0);
        }
        summary.put("max", Math.round(Arrays.stream(latencies).max().orElse(0) / 10_000.0) / 100.0);
        return summary;
    }
}
