package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * The admin port against what a web page open on an operator's machine can send it: a cross-site
 * form POST to drop a space, a DNS-rebinding page reading /metrics and /threads under its own name,
 * and a task given bad input. The service here has an admin token, and the attacks carry it where
 * that shows the other checks hold on their own.
 */
@ExtendWith(CassandraExtension.class)
class AdminPortAttackTest {

    @RegisterExtension
    static final ServiceUnderTest attacked = new ServiceUnderTest("attack.yml");

    private static final String TENANT = "attack-token";
    private static final String ADMIN_TOKEN = "admin-token";

    private static RawHttp.Request post(String target) {
        return RawHttp.Request.of("POST", target, ADMIN_TOKEN, "application/x-www-form-urlencoded", new byte[0]);
    }

    @Test
    void aCrossSiteFormPostCannotDropASpace() {
        SpaceFixture space = SpaceFixture.create(attacked.api(), TENANT, "admin-cross-site", 3, 1_700_000_000_000_000L);
        Reply byOrigin = attacked.admin().send(post("/tasks/drop-space?space=" + space.space()).withHeader("Origin", "http://attacker.example"));
        Reply byFetchSite = attacked.admin().send(post("/tasks/drop-space?space=" + space.space()).withHeader("Sec-Fetch-Site", "cross-site"));
        Reply nullOrigin = attacked.admin().send(post("/tasks/drop-space?space=" + space.space()).withHeader("Origin", "null"));

        for (Reply reply : new Reply[] {byOrigin, byFetchSite, nullOrigin}) {
            assertThat(reply.status()).as(reply.text()).isEqualTo(403);
            assertThat(reply.json().path("message").asText()).contains("cross-site");
        }
        assertThat(attacked.api().get(space.path() + "/op-count", TENANT).status()).as("the space is still there").isEqualTo(200);

        Reply operator = attacked.admin().send(post("/tasks/drop-space?space=" + space.space()));
        assertThat(operator.status()).as(operator.text()).isEqualTo(200);
        assertThat(operator.text()).contains("dropped space " + space.space());
        assertThat(attacked.api().get(space.path() + "/op-count", TENANT).status()).as("dropped by the operator").isEqualTo(404);
    }

    @Test
    void aRebindingNameReadsNothingFromTheAdminPort() {
        for (String host : new String[] {"attacker.example", "127.0.0.1.nip.io", "localhost.attacker.example:8081", "attacker.example:80"}) {
            for (String path : new String[] {"/metrics", "/prometheus", "/threads", "/healthcheck", "/"}) {
                Reply reply = attacked.admin().send(RawHttp.Request.of("GET", path, ADMIN_TOKEN, null, new byte[0]).withHeader("Host", host));
                assertThat(reply.status()).as(host + " " + path + ": " + reply.text()).isEqualTo(403);
                assertThat(reply.text()).doesNotContain("k2store.spaces").doesNotContain("Thread");
            }
        }
        Reply byAddress = attacked.admin().get("/metrics", ADMIN_TOKEN);
        assertThat(byAddress.status()).as("addressed by IP, as the operator's curl and Prometheus do").isEqualTo(200);
        Reply byLocalhost = attacked.admin().send(RawHttp.Request.of("GET", "/metrics", ADMIN_TOKEN, null, new byte[0]).withHeader("Host", "localhost"));
        assertThat(byLocalhost.status()).isEqualTo(200);
    }

    @Test
    void theAdminTokenIsNeededExceptByTheProbes() {
        Reply without = attacked.admin().get("/metrics", null);
        assertThat(without.status()).as(without.text()).isEqualTo(401);
        assertThat(without.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(attacked.admin().get("/metrics", "attack-token").status()).as("a tenant's token is not the admin's").isEqualTo(401);
        assertThat(attacked.admin().send(RawHttp.Request.of("POST", "/tasks/gc", null, null, new byte[0])).status()).isEqualTo(401);
        assertThat(attacked.admin().get("/ping", null).status()).isEqualTo(200);
        assertThat(attacked.admin().get("/healthcheck", null).status()).isEqualTo(200);
    }

    @Test
    void aTaskGivenBadInputAnswers400NamingItWithoutInternals() {
        for (String target : new String[] {"/tasks/drop-space?space=%21%21", "/tasks/drop-space", "/tasks/drop-space?space=a&space=b",
                "/tasks/drop-space?space=" + "A".repeat(300)}) {
            Reply reply = attacked.admin().send(post(target));
            assertThat(reply.status()).as(target + ": " + reply.text()).isEqualTo(400);
            assertThat(reply.text()).contains("space").doesNotContain("Exception").doesNotContain("\tat ");
        }
        Reply unknown = attacked.admin().send(post("/tasks/drop-space?space=" + "bm8tc3VjaC1zcGFjZQ"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("no space");
    }
}
