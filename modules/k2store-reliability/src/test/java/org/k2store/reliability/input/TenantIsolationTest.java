package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * Tenant isolation on every operation of /openapi.yaml (walked from the document, so a new
 * endpoint is covered the day it is documented): without a token, with wrong tokens and with
 * another tenant's token, tenant alpha's space answers 401 or 403 as JSON; and no answer to beta,
 * whatever beta asks, contains a byte of alpha's data (op ids, op bytes, slice hash).
 */
@ExtendWith(CassandraExtension.class)
class TenantIsolationTest {

    private static final String ALPHA = "alpha-token";
    private static final String BETA = "beta-token";
    /** Tokens that must all be refused: near misses, other schemes, the configured hash itself. */
    private static final List<String> WRONG_AUTHORIZATIONS = List.of("Bearer wrong-token", "Bearer alpha-tokenx",
            "Bearer ALPHA-TOKEN", "Bearer a336d9b1d8b8647875238537ca5087b0ea335afd2032936aecdffc3e4b13f720", "Basic YWxwaGE6dG9rZW4=",
            "alpha-token", "Bearer", "Bearer alpha-token alpha-token", "Token alpha-token");

    private static InputService service;
    private static RawHttp api;
    private static SpaceFixture alpha;
    private static SpaceFixture beta;
    private static List<ApiDocument.Operation> operations;
    private static final AtomicInteger checks = new AtomicInteger();
    private static final Map<String, Integer> statuses = new TreeMap<>();

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        service = InputService.start("isolation.yml", cassandra);
        api = new RawHttp(service.api());
        alpha = SpaceFixture.create(api, ALPHA, "alpha-space", 30, 1_700_000_000_000_000L);
        beta = SpaceFixture.create(api, BETA, "beta-space", 30, 1_700_000_000_000_000L);
        operations = ApiDocument.operations(api.get("/openapi.yaml", null).body()).stream()
                .filter(ApiDocument.Operation::secured).toList();
    }

    @AfterAll
    static void stop() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("operations", operations.stream().map(Object::toString).toList());
        figures.put("isolation_checks", checks.get());
        figures.put("statuses", statuses);
        Figures.write("tenant-isolation", figures);
        service.close();
    }

    @Test
    void everyOperationRefusesMissingWrongAndForeignCredentials() {
        assertThat(operations).as("secured operations in openapi.yaml").hasSizeGreaterThanOrEqualTo(13);
        for (ApiDocument.Operation operation : operations) {
            RawHttp.Request valid = ValidRequests.of(operation, alpha, ALPHA);
            Reply own = api.send(valid);
            if (operation.pathParams().contains("space")) {
                // Proves the request is well-formed, so the refusals below are about credentials only.
                assertThat(own.status()).as(operation + " by its own tenant: " + own.text()).isBetween(200, 299);
            }

            RawHttp.Request anonymous = ValidRequests.of(operation, alpha, null);
            boolean namesAlpha = operation.pathParams().contains("space");
            expectRefusal(operation + " without a token", namesAlpha, api.send(anonymous), 401, "unauthenticated");
            for (String authorization : WRONG_AUTHORIZATIONS) {
                expectRefusal(operation + " with '" + authorization + "'", namesAlpha,
                        api.send(anonymous.withHeader("Authorization", authorization)), 401, "unauthenticated");
            }
            Reply foreign = api.send(ValidRequests.of(operation, alpha, BETA));
            if (namesAlpha) {
                expectRefusal(operation + " with beta's token", true, foreign, 403, "forbidden");
            } else {
                assertThat(foreign.status()).as(operation + " with beta's token: " + foreign.text()).isLessThan(500);
                expectNoLeak(operation + " with beta's token", false, foreign);
            }
        }
    }

    @Test
    void alphasIdsAskedInBetasOwnSpaceRevealNothing() {
        String ids = "{\"op_ids\": " + SpaceFixture.jsonStrings(alpha.opIds()) + "}";
        Reply retrieved = api.json("POST", beta.path() + "/ops/retrieve", BETA, ids);
        assertThat(retrieved.status()).isEqualTo(200);
        assertThat(retrieved.json().path("ops")).as("alpha's ops retrieved in beta's space").isEmpty();
        expectNoLeak("retrieve alpha's ids in beta's space", false, retrieved);

        Reply filtered = api.json("POST", beta.path() + "/ops/filter-existing", BETA, ids);
        assertThat(filtered.status()).isEqualTo(200);
        List<String> missing = new ArrayList<>();
        filtered.json().path("op_ids").forEach(id -> missing.add(id.asText()));
        assertThat(missing).as("none of alpha's ids exists in beta's space").isEqualTo(alpha.opIds());
        checks.incrementAndGet();

        for (String target : List.of("/time-slice?arc=0..4294967295&start=" + Long.MIN_VALUE + "&end=" + Long.MAX_VALUE,
                "/bounded?arc=0..4294967295&start=0&limit_bytes=100000000", "/earliest?arc=0..4294967295", "/op-count", "",
                "/slice-hashes/" + alpha.arc(), "/slice-hashes/" + alpha.arc() + "/" + alpha.index(),
                "/slice-hashes/" + alpha.arc() + "/count")) {
            Reply reply = api.get(beta.path() + target, BETA);
            assertThat(reply.status()).as(target + ": " + reply.text()).isEqualTo(200);
            expectNoLeak("beta's own space " + target, false, reply);
        }
        Reply slice = api.get(beta.path() + "/time-slice?arc=0..4294967295&start=" + Long.MIN_VALUE + "&end=" + Long.MAX_VALUE, BETA);
        List<String> sliceIds = new ArrayList<>();
        slice.json().path("op_ids").forEach(id -> sliceIds.add(id.asText()));
        assertThat(sliceIds).as("beta's full time slice holds exactly beta's ops").containsExactlyInAnyOrderElementsOf(beta.opIds());
    }

    @Test
    void otherSpellingsAndPathTricksDoNotReachAlphasSpace() {
        String a = alpha.space();
        String b = beta.space();
        List<String> targets = List.of("/v1/spaces/" + a + "=", "/v1/spaces/" + a + "%3D", "/v1/spaces/%" + hex(a.charAt(0)) + a.substring(1),
                "/v1/spaces/" + b + "/../" + a, "/v1/spaces/" + b + "%2F..%2F" + a, "/v1/spaces/" + b + "/%2e%2e/" + a,
                "/v1/spaces/./" + a, "/v1/spaces//" + a, "/v1/spaces/" + a + ";" + b, "/v1/spaces/" + b + ";/../" + a,
                "/v1/spaces/" + a + "/op-count?space=" + b, "/v1/spaces/" + a + "%00" + "/op-count", "/v1/spaces/" + a + "*");
        for (String path : targets) {
            for (String suffix : List.of("", "/op-count", "/time-slice?arc=0..4294967295&start=0&end=" + Long.MAX_VALUE)) {
                String target = path.contains("?") ? path : path + suffix;
                Reply reply = api.get(target, BETA);
                synchronized (statuses) {
                    statuses.merge("trick " + reply.status(), 1, Integer::sum);
                }
                assertThat(reply.status()).as("beta asking " + target + ": " + reply.text()).isGreaterThanOrEqualTo(400).isLessThan(500);
                assertThat(ErrorAnswers.problem(reply)).as(target).isNull();
                expectNoLeak("beta asking " + target, true, reply);
            }
        }
    }

    private static String hex(char c) {
        return String.format("%02X", (int) c);
    }

    private static void expectRefusal(String what, boolean namesAlpha, Reply reply, int status, String reason) {
        synchronized (statuses) {
            statuses.merge(Integer.toString(reply.status()), 1, Integer::sum);
        }
        assertThat(reply.status()).as(what + ": " + reply.text()).isEqualTo(status);
        assertThat(ErrorAnswers.problem(reply)).as(what).isNull();
        assertThat(reply.json().path("reason").asText()).as(what).isEqualTo(reason);
        if (status == 401) {
            assertThat(reply.header("WWW-Authenticate")).as(what).startsWith("Bearer");
        }
        expectNoLeak(what, namesAlpha, reply);
    }

    /** No byte of alpha's data in {@code reply}; alpha's space id only where the request itself named it (an echo). */
    private static void expectNoLeak(String what, boolean namesAlpha, Reply reply) {
        String body = reply.text() + " " + reply.headers();
        List<String> secrets = new ArrayList<>(alpha.opIds());
        secrets.addAll(alpha.opBytes());
        secrets.add(alpha.hash());
        secrets.add(new String(Base64Url.decode(alpha.hash(), "hash"), StandardCharsets.UTF_8));
        if (!namesAlpha) {
            secrets.add(alpha.space());
        }
        for (String secret : secrets) {
            assertThat(body).as(what + " leaks alpha's data").doesNotContain(secret);
        }
        checks.incrementAndGet();
    }
}
