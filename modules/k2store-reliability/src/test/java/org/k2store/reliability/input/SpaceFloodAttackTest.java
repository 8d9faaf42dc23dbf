package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * A tenant with a glob grant creating spaces as fast as it can (input/attack.yml: tenant 'flooder',
 * maxSpaces 40): 400 creations from 32 threads create at most 40 spaces, every other answer is a
 * proper 403 space_quota_exceeded or 429 naming the limit, never a 5xx; retried one by one they end
 * at exactly 40; meanwhile another tenant creates and uses its space and the service stays healthy.
 */
@ExtendWith(CassandraExtension.class)
class SpaceFloodAttackTest {

    @RegisterExtension
    static final ServiceUnderTest attacked = new ServiceUnderTest("attack.yml");

    private static final String FLOODER = "flooder-token";
    private static final String TENANT = "attack-token";
    private static final int LIMIT = 40;
    private static final String SETTINGS = "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}";

    @Test
    void aTenantCreatingSpacesWithoutEndStopsAtItsLimit() throws Exception {
        Map<String, Reply> answers = new ConcurrentHashMap<>();
        long run = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String space = Base64Url.encode(("flood-" + run + "-" + i).getBytes(StandardCharsets.UTF_8));
                calls.add(CompletableFuture.runAsync(() -> answers.put(space, create(space, FLOODER)), pool));
            }
            SpaceFixture other = SpaceFixture.create(attacked.api(), TENANT, "beside-the-flood", 3, 1_700_000_000_000_000L);
            assertThat(attacked.api().get(other.path() + "/op-count", TENANT).text()).as("another tenant's space, made during the flood")
                    .contains("\"count\":3");
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        try {
            answers.values().forEach(SpaceFloodAttackTest::assertProper);
            assertThat(answers.values().stream().filter(reply -> reply.status() == 201).count()).isLessThanOrEqualTo(LIMIT);

            for (Map.Entry<String, Reply> entry : answers.entrySet()) {
                while (entry.getValue().status() == 429) {
                    entry.setValue(create(entry.getKey(), FLOODER));
                }
            }
            assertThat(answers.values().stream().filter(reply -> reply.status() == 201).count()).as("exactly the limit").isEqualTo(LIMIT);
            Reply refused = answers.values().stream().filter(reply -> reply.status() == 403).findFirst().orElseThrow();
            assertThat(refused.json().path("reason").asText()).isEqualTo("space_quota_exceeded");
            assertThat(refused.json().path("message").asText()).contains("40 spaces").contains("maxSpaces");
            assertThat(attacked.admin().get("/healthcheck", null).status()).isEqualTo(200);
        } finally {
            // Gives the room back, for a rerun against the same cluster.
            answers.forEach((space, reply) -> {
                if (reply.status() == 201) {
                    attacked.admin().send(RawHttp.Request.of("POST", "/tasks/drop-space?space=" + space, "admin-token", null, new byte[0]));
                }
            });
        }
    }

    private static Reply create(String space, String token) {
        return attacked.api().json("PUT", "/v1/spaces/" + space, token, SETTINGS);
    }

    /** 201, or a proper 403 (the limit) or 429 (the tenant's in-flight cap, or the race for the last room). */
    private static void assertProper(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isIn(201, 403, 429);
        if (reply.status() != 201) {
            assertThat(ErrorAnswers.problem(reply)).as(reply.text()).isNull();
        }
        if (reply.status() == 429) {
            assertThat(reply.header("Retry-After")).as(reply.text()).isNotNull();
        }
    }
}
