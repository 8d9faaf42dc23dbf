package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * Two service nodes on one Cassandra, as in production: a space dropped through node A stops being
 * served by node B (which has it open) within B's revalidation interval; its name is refused (409)
 * until {@code cassandra.recreateAfterDrop} has passed, so it is never split across two uids; re-created
 * after that it is served by both nodes under one uid, and the old uid's rows are purged by a node.
 */
@ExtendWith(CassandraExtension.class)
class DropSpaceAcrossNodesTest {

    private static final Duration REVALIDATE = Duration.ofMillis(300);
    private static final Duration RECREATE_AFTER_DROP = Duration.ofSeconds(2);
    private static final String SETTINGS = "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}";

    private static TestServer nodeA;
    private static TestServer nodeB;
    private static Http apiA;
    private static Http apiB;
    private static Http adminA;
    private static Http adminB;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        ConfigOverride revalidate = ConfigOverride.config("storeCache.revalidateAfter", "PT" + REVALIDATE.toMillis() / 1000.0 + "S");
        ConfigOverride recreate = ConfigOverride.config("cassandra.recreateAfterDrop", RECREATE_AFTER_DROP.toString());
        nodeA = TestServer.start("conformance.yml", StoreTuning.PRODUCTION, cassandra, revalidate, recreate);
        nodeB = TestServer.start("conformance.yml", StoreTuning.PRODUCTION, cassandra, revalidate, recreate);
        apiA = new Http(nodeA.api());
        apiB = new Http(nodeB.api());
        adminA = new Http(nodeA.admin());
        adminB = new Http(nodeB.admin());
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void aSpaceDroppedThroughOneNodeIsNoLongerServedByAnother() {
        String space = space("dropped-across-nodes");
        assertThat(apiA.json("PUT", "/v1/spaces/" + space, null, SETTINGS).status()).isEqualTo(201);
        assertThat(apiB.json("POST", "/v1/spaces/" + space + "/ops", null, ops(7)).status()).isEqualTo(200);
        assertThat(count(apiB, space)).isEqualTo(1); // B has the store open

        assertThat(drop(space)).isEqualTo(200);

        long deadline = System.nanoTime() + REVALIDATE.multipliedBy(10).toNanos();
        int status = apiB.get("/v1/spaces/" + space + "/op-count", null).status();
        while (status != 404 && System.nanoTime() < deadline) {
            pause();
            status = apiB.get("/v1/spaces/" + space + "/op-count", null).status();
        }
        assertThat(status).as("node B still serves the dropped space").isEqualTo(404);
        assertThat(apiB.json("POST", "/v1/spaces/" + space + "/ops", null, ops(8)).status())
                .as("a write through node B after the drop").isEqualTo(404);
    }

    @Test
    void aDroppedSpaceIsRefusedUntilNoNodeServesItThenServedUnderOneUidAndTheOldRowsPurged() {
        String space = space("recreated-across-nodes");
        long finishedBefore = purgesFinished();
        assertThat(apiA.json("PUT", "/v1/spaces/" + space, null, SETTINGS).status()).isEqualTo(201);
        assertThat(apiB.json("POST", "/v1/spaces/" + space + "/ops", null, ops(1)).status()).isEqualTo(200);
        long beforeDrop = System.nanoTime(); // the server stamps dropped_at after this
        assertThat(drop(space)).isEqualTo(200);

        Http.Reply early = apiA.json("PUT", "/v1/spaces/" + space, null, SETTINGS);
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("was dropped at").contains("can be created again from");
        // B may still write to the old uid until it revalidates: such a write is purged, never seen again.
        apiB.json("POST", "/v1/spaces/" + space + "/ops", null, ops(9));

        waitUntil(() -> apiA.json("PUT", "/v1/spaces/" + space, null, SETTINGS).status() == 201, RECREATE_AFTER_DROP.multipliedBy(3));
        assertThat(Duration.ofNanos(System.nanoTime() - beforeDrop)).as("refused for the whole interval").isGreaterThanOrEqualTo(RECREATE_AFTER_DROP);
        assertThat(count(apiB, space)).as("node B serves the new uid").isZero();
        assertThat(apiB.json("POST", "/v1/spaces/" + space + "/ops", null, ops(2)).status()).isEqualTo(200);
        assertThat(apiA.json("POST", "/v1/spaces/" + space + "/ops", null, ops(3)).status()).isEqualTo(200);
        assertThat(count(apiA, space)).isEqualTo(2);
        assertThat(count(apiB, space)).isEqualTo(2);

        // One of the nodes purges the old uid in the background.
        waitUntil(() -> purgesFinished() > finishedBefore, Duration.ofSeconds(60));
    }

    /** Purges finished by either node, from their admin metrics. */
    private static long purgesFinished() {
        long finished = 0;
        for (Http admin : List.of(adminA, adminB)) {
            Http.Reply metrics = admin.get("/metrics", null);
            assertThat(metrics.status()).isEqualTo(200);
            finished += metrics.json().path("counters").path("k2store.purges.finished").path("count").asLong();
        }
        return finished;
    }

    private static int drop(String space) {
        return adminA.send("POST", "/tasks/drop-space?space=" + space, null, null, HttpRequest.BodyPublishers.noBody()).status();
    }

    private static long count(Http api, String space) {
        Http.Reply reply = api.get("/v1/spaces/" + space + "/op-count", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("count").asLong();
    }

    private static String ops(int location) {
        String op = "{\"created_at\": 100, \"op_data\": [" + location + ", 0, 0, 0]}";
        return "{\"ops\": [\"" + Base64Url.encode(op.getBytes(StandardCharsets.UTF_8)) + "\"]}";
    }

    private static String space(String name) {
        return Base64Url.encode((name + "-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    }

    private static void waitUntil(Supplier<Boolean> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition within " + within).isLessThan(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(REVALIDATE.toMillis() / 6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
