package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * A tenant's spaces stay within its limit: one more new space is a 403 space_quota_exceeded and is
 * not created, a space that exists costs nothing, a drop gives the room back, and creations racing
 * for the last room never pass the limit (the losers get a 429 and find out on retry). The tenants
 * are renamed per run, since the module's tests share one keyspace and the ledger is per tenant name.
 */
@ExtendWith(CassandraExtension.class)
class SpaceQuotaTest {

    private static final String ALICE = "alice-token";
    private static final String BOB = "bob-token";
    private static final String SETTINGS = "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}";
    private static final int BOB_LIMIT = 3;
    private static final int ALICE_LIMIT = 5;

    private static TestServer server;
    private static Http api;
    private static Http admin;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        long run = System.nanoTime();
        server = TestServer.start("tenants.yml", StoreTuning.PRODUCTION, cassandra,
                ConfigOverride.config("auth.tenants[0].name", "alice-" + run),
                ConfigOverride.config("auth.tenants[0].maxSpaces", String.valueOf(ALICE_LIMIT)),
                ConfigOverride.config("auth.tenants[1].name", "bob-" + run),
                ConfigOverride.config("auth.tenants[1].maxSpaces", String.valueOf(BOB_LIMIT)));
        api = new Http(server.api());
        admin = new Http(server.admin());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneSpaceMoreThanTheLimitIsRefusedAndNotCreatedUntilADropGivesTheRoomBack() {
        List<String> spaces = new ArrayList<>();
        for (int i = 0; i < BOB_LIMIT; i++) {
            spaces.add(bobSpace("mine-" + i));
            assertThat(create(spaces.get(i), BOB).status()).isEqualTo(201);
        }
        String oneMore = bobSpace("one-more");
        Http.Reply refused = create(oneMore, BOB);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("reason").asText()).isEqualTo("space_quota_exceeded");
        assertThat(refused.json().get("message").asText()).contains("3 spaces").contains("maxSpaces");
        assertThat(api.get("/v1/spaces/" + oneMore + "/op-count", BOB).status()).as("nothing created").isEqualTo(404);

        // A space that exists costs nothing: the tenant's own again, or one another tenant created.
        assertThat(create(spaces.get(0), BOB).status()).isEqualTo(200);
        String alicesForBob = bobSpace("made-by-alice");
        assertThat(create(alicesForBob, ALICE).status()).isEqualTo(201);
        assertThat(create(alicesForBob, BOB).status()).isEqualTo(200);

        assertThat(drop(spaces.get(0))).isEqualTo(200);
        assertThat(create(oneMore, BOB).status()).as("the dropped space's room").isEqualTo(201);
        assertThat(create(bobSpace("and-another"), BOB).status()).isEqualTo(403);
        assertThat(drop(alicesForBob)).as("alice's room back, for the other test").isEqualTo(200);
    }

    @Test
    void creationsRacingForTheLastRoomNeverPassTheLimit() throws Exception {
        int racers = 24;
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String space = space("alice-race-" + i);
                calls.add(CompletableFuture.runAsync(() -> statuses.put(space, create(space, ALICE).status()), pool));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses.values()).allMatch(status -> status == 201 || status == 403 || status == 429);
        assertThat(statuses.values().stream().filter(status -> status == 201).count()).isLessThanOrEqualTo(ALICE_LIMIT);

        // Retried one after another, the refused ones fill exactly the room that is left.
        for (Map.Entry<String, Integer> entry : statuses.entrySet()) {
            if (entry.getValue() != 201) {
                entry.setValue(create(entry.getKey(), ALICE).status());
            }
        }
        assertThat(statuses.values().stream().filter(status -> status == 201).count()).isEqualTo(ALICE_LIMIT);
        assertThat(statuses.values()).allMatch(status -> status == 201 || status == 403);
        statuses.forEach((space, status) -> assertThat(api.get("/v1/spaces/" + space + "/op-count", ALICE).status())
                .as(space).isEqualTo(status == 201 ? 200 : 404));
        statuses.forEach((space, status) -> assertThat(drop(space)).isEqualTo(200)); // alice's room back, for the other test
    }

    private static int drop(String space) {
        return admin.send("POST", "/tasks/drop-space?space=" + space, null, null, HttpRequest.BodyPublishers.noBody()).status();
    }

    private static Http.Reply create(String space, String token) {
        return api.json("PUT", "/v1/spaces/" + space, token, SETTINGS);
    }

    /** A space bob is granted: its id starts with "Ym9i" (base64url of "bob"). */
    private static String bobSpace(String name) {
        return space("bob-" + name);
    }

    private static String space(String name) {
        return Base64Url.encode((name + "-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    }
}
