package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.api.DhtArc;
import org.k2store.cassandra.SectorStats;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * The ring console's /v1/console calls over HTTP: the figures follow exactly what was stored (per
 * sector, per time bucket, per slice), and they are authorised like every space call.
 */
@ExtendWith(CassandraExtension.class)
class ConsoleApiTest {

    private static final String ALICE = "alice-token";
    private static final String BOB = "bob-token";
    private static final String SPACE = Base64Url.encode("console-api".getBytes(StandardCharsets.UTF_8));
    private static final String BOB_SPACE = Base64Url.encode("bob-console".getBytes(StandardCharsets.UTF_8));
    private static final long SLICE = SectorStats.bucketMicros(SectorStats.HISTORY);

    /** {sector, ops, op size, created_at slice}: 10 ops in four sectors and two 128 h slices. */
    private static final int[][] LAYOUT = {{0, 3, 20, 0}, {5, 2, 30, 0}, {200, 4, 40, 3}, {511, 1, 50, 3}};

    private static TestServer server;
    private static Http api;
    private static ConsoleFixtures alice;
    private static ConsoleFixtures bob;
    private static int incomingCalls;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) {
        try {
            server = TestServer.start("console.yml", StoreTuning.PRODUCTION, cassandra);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        api = new Http(server.api());
        alice = new ConsoleFixtures(api, ALICE);
        bob = new ConsoleFixtures(api, BOB);
        alice.createSpace(SPACE);
        bob.createSpace(BOB_SPACE);
        List<String> ops = new ArrayList<>();
        long discriminator = 0;
        for (int[] group : LAYOUT) {
            for (int i = 0; i < group[1]; i++) {
                long location = ((long) group[0] << DhtArc.SECTOR_BITS) + 1000 + i;
                ops.add(Base64Url.encode(Ops.memoryOp(location, group[2], group[3] * SLICE + 1000 + i, ++discriminator)));
            }
        }
        // Two batches, the second re-sending two ops: only first writes count.
        int before = alice.calls();
        alice.postOps(SPACE, ops.subList(0, 6));
        alice.postOps(SPACE, ops.subList(4, ops.size()));
        incomingCalls = alice.calls() - before;
        alice.storeHash(SPACE, DhtArc.sector(0), 0);
        alice.storeHash(SPACE, DhtArc.sector(0), 3);
        alice.storeHash(SPACE, DhtArc.sector(5), 3);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode ok(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static long[] expectedOps() {
        long[] ops = new long[DhtArc.SECTOR_COUNT];
        for (int[] group : LAYOUT) {
            ops[group[0]] += group[1];
        }
        return ops;
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    @Test
    void wholeHistoryRingHasEverySectorsOpsAndBytesPerSlice() {
        JsonNode ring = ok(api.get("/v1/console/spaces/" + SPACE + "/ring?window=all", ALICE));
        assertThat(ring.path("time_axis").asText()).isEqualTo("created_at");
        assertThat(ring.path("bucket_micros").asLong()).isEqualTo(SLICE);
        assertThat(longs(ring.path("sector_ops"))).containsExactly(expectedOps());
        long[] bytes = longs(ring.path("sector_bytes"));
        assertThat(new long[] {bytes[0], bytes[5], bytes[200], bytes[511]}).containsExactly(60, 60, 160, 50);
        assertThat(ring.path("total_ops").asLong()).isEqualTo(10);
        assertThat(ring.path("total_bytes").asLong()).isEqualTo(330);
        JsonNode buckets = ring.path("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).path("bucket").asLong()).isZero();
        assertThat(buckets.get(0).path("ops").asLong()).isEqualTo(5);
        assertThat(buckets.get(1).path("bucket").asLong()).isEqualTo(3);
        assertThat(buckets.get(1).path("start").asLong()).isEqualTo(3 * SLICE);
        assertThat(buckets.get(1).path("ops").asLong()).isEqualTo(5);
    }

    @Test
    void recentRingCountsWhatArrivedByStoredAtHour() {
        // 2h: the current hour and the previous one, so an hour boundary during the test changes nothing.
        JsonNode ring = ok(api.get("/v1/console/spaces/" + SPACE + "/ring?window=2h", ALICE));
        assertThat(ring.path("time_axis").asText()).isEqualTo("stored_at");
        assertThat(longs(ring.path("sector_ops"))).containsExactly(expectedOps());
        long ops = 0;
        for (JsonNode bucket : ring.path("buckets")) {
            ops += bucket.path("ops").asLong();
            assertThat(bucket.path("start").asLong()).isEqualTo(bucket.path("bucket").asLong() * 3_600_000_000L);
        }
        assertThat(ops).isEqualTo(10);
        assertThat(ring.path("window").asText()).isEqualTo("2h");
        assertThat(longs(ok(api.get("/v1/console/spaces/" + BOB_SPACE + "/ring?window=7d", BOB)).path("sector_ops")))
                .as("another space's figures are its own").containsOnly(0L);
    }

    @Test
    void sliceHashesTellWhichSlicesAndSectorsHaveHashes() {
        JsonNode answer = ok(api.get("/v1/console/spaces/" + SPACE + "/slice-hashes", ALICE));
        long[] counts = longs(answer.path("sector_counts"));
        assertThat(counts).hasSize(512);
        assertThat(counts[0]).isEqualTo(2);
        assertThat(counts[5]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(3);
        assertThat(answer.path("slices").toString()).isEqualTo("[{\"index\":0,\"sectors\":1},{\"index\":3,\"sectors\":2}]");
        assertThat(answer.path("slice_micros").asLong()).isEqualTo(SLICE);
    }

    @Test
    void spaceListShowsOnlyTheCallersSpacesWithTheirFigures() {
        JsonNode aliceList = ok(api.get("/v1/console/spaces", ALICE));
        assertThat(aliceList.path("truncated").asBoolean()).isFalse();
        JsonNode row = null;
        List<String> names = new ArrayList<>();
        for (JsonNode space : aliceList.path("spaces")) {
            names.add(space.path("space").asText());
            if (space.path("space").asText().equals(SPACE)) {
                row = space;
            }
        }
        assertThat(names).contains(SPACE, BOB_SPACE).isSorted();
        assertThat(row).isNotNull();
        assertThat(row.path("op_count").asLong()).isEqualTo(10);
        assertThat(row.path("bytes").asLong()).isEqualTo(330);
        assertThat(row.path("recent_ops").asLong()).isEqualTo(10);
        assertThat(row.path("ingest_ops_per_second").asDouble()).isPositive();

        JsonNode bobList = ok(api.get("/v1/console/spaces", BOB));
        List<String> bobs = new ArrayList<>();
        bobList.path("spaces").forEach(space -> bobs.add(space.path("space").asText()));
        assertThat(bobs).contains(BOB_SPACE).allMatch(name -> name.startsWith("Ym9i"));
        assertThat(ok(api.get("/v1/console/spaces?limit=1", ALICE)).path("spaces")).hasSize(1);
    }

    @Test
    void consoleCallsAreAuthorisedLikeEverySpaceCall() {
        List<String> paths = List.of("/v1/console/spaces", "/v1/console/service", "/v1/console/spaces/" + SPACE + "/ring",
                "/v1/console/spaces/" + SPACE + "/slice-hashes");
        for (String path : paths) {
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(api.get(path, "wrong-token").status()).as(path).isEqualTo(401);
        }
        assertThat(api.get(paths.get(2), BOB).json().path("reason").asText()).isEqualTo("forbidden");
        assertThat(api.get(paths.get(3), BOB).status()).isEqualTo(403);
        Http.Reply service = api.get(paths.get(1), BOB);
        assertThat(service.status()).as("bob is not granted every space").isEqualTo(403);
        assertThat(service.json().path("message").asText()).contains("authorization");
    }

    @Test
    void badParametersAreA400NamingThemAndUnknownSpacesA404() {
        String ring = "/v1/console/spaces/" + SPACE + "/ring?window=";
        for (String window : List.of("bogus", "8d", "169h", "0h", "-1h", "all1")) {
            Http.Reply reply = api.get(ring + window, ALICE);
            assertThat(reply.status()).as(window).isEqualTo(400);
            assertThat(reply.json().path("message").asText()).startsWith("window");
        }
        assertThat(api.get("/v1/console/spaces?limit=0", ALICE).json().path("message").asText()).startsWith("limit");
        assertThat(api.get("/v1/console/spaces?limit=501", ALICE).status()).isEqualTo(400);
        String unknown = Base64Url.encode(new byte[] {7, 7, 7});
        assertThat(api.get("/v1/console/spaces/" + unknown + "/ring", ALICE).json().path("reason").asText()).isEqualTo("unknown_space");
        assertThat(api.get("/v1/console/spaces/" + unknown + "/slice-hashes", ALICE).status()).isEqualTo(404);
        assertThat(api.get("/v1/console/spaces/a*b/ring", ALICE).status()).isEqualTo(400);
    }

    @Test
    void serviceFiguresComeFromTheServicesMetrics() {
        assertThat(api.get("/v1/spaces/" + Base64Url.encode(new byte[] {9}) + "/op-count", ALICE).status()).isEqualTo(404);
        assertThat(ok(api.get("/v1/spaces/" + SPACE + "/time-slice?arc=0..4294967295&start=0&end=" + 4 * SLICE, ALICE))
                .path("op_ids")).hasSize(10);

        JsonNode live = ok(api.get("/v1/console/service", ALICE));
        JsonNode incoming = null;
        List<String> callNames = new ArrayList<>();
        for (JsonNode call : live.path("calls")) {
            callNames.add(call.path("call").asText());
            if (call.path("call").asText().equals("process_incoming_ops")) {
                incoming = call;
            }
        }
        assertThat(incoming).as(live.path("calls").toString()).isNotNull();
        assertThat(incoming.path("count").asLong()).as("the two batches of start(), with any retries").isEqualTo(incomingCalls);
        assertThat(incoming.path("p99_ms").asDouble()).isPositive();
        assertThat(callNames).as("one row per call, not Jersey's sub-timers").doesNotHaveDuplicates()
                .doesNotContain("total", "filtering").contains("create_space", "console_service");

        JsonNode cassandra = live.path("cassandra");
        assertThat(cassandra.path("healthy").asBoolean()).as(cassandra.toString()).isTrue();
        assertThat(cassandra.path("message").asText()).startsWith("Cassandra");
        assertThat(cassandra.path("connected_nodes").asInt()).isPositive();
        assertThat(cassandra.path("cql_requests").asLong()).isPositive();

        assertThat(live.path("fan_out")).isNotEmpty();
        for (JsonNode width : live.path("fan_out")) {
            assertThat(width.path("max").asLong()).as(width.toString()).isBetween(0L, 1024L);
        }
        List<String> statuses = new ArrayList<>();
        live.path("responses").forEach(r -> {
            if (r.path("count").asLong() > 0) {
                statuses.add(r.path("status").asText());
            }
        });
        assertThat(statuses).as("per status and per class").contains("200", "404", "2xx", "4xx");
    }

    @Test
    void thePageIsServedWithoutATokenFromTheApiPort() {
        Http.Reply page = api.get("/console/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"console.js\"></script>").contains("id=\"ring\"");
        Http.Reply script = api.get("/console/console.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("/v1/console/spaces");
        assertThat(api.get("/console/nothing.js", null).status()).isEqualTo(404);
    }
}
