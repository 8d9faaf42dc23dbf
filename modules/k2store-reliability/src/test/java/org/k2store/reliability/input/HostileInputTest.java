package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * A seeded fuzzer against every operation of /openapi.yaml: thousands of requests that each break
 * one part of a valid request. The service must answer every one without a 5xx, every error as
 * the API's JSON error naming the problem, stay healthy, and leave stored data exactly as it was.
 * Replay a run with {@code -Dk2store.fuzz.seed=<seed>}; size it with {@code -Dk2store.fuzz.requests}.
 */
@ExtendWith(CassandraExtension.class)
class HostileInputTest {

    @RegisterExtension
    static final ServiceUnderTest attacked = new ServiceUnderTest("fuzz.yml");

    static final String TOKEN = "fuzz-token";
    static final long MAX_BODY_BYTES = 262_144; // limits.maxBodyBytes of input/fuzz.yml
    private static final long TIME_BUDGET_MILLIS = 60_000;

    @Test
    void malformedRequestsToEveryEndpointAreRefusedCleanlyAndChangeNothing() {
        long seed = Long.getLong("k2store.fuzz.seed", System.nanoTime());
        int planned = Integer.getInteger("k2store.fuzz.requests", 3000);
        System.out.println("HostileInputTest seed " + seed + " (replay with -Dk2store.fuzz.seed=" + seed + ")");

        SpaceFixture fixture = SpaceFixture.create(attacked.api(), TOKEN, "fuzz-space-" + seed, 40, 1_700_000_000_000_000L);
        List<ApiDocument.Operation> operations = ApiDocument.operations(attacked.api().get("/openapi.yaml", null).body());
        assertThat(operations).as("operations in openapi.yaml").hasSizeGreaterThanOrEqualTo(14);
        SpaceFixture.Fingerprint before = fixture.fingerprint(attacked.api(), TOKEN);

        HostileRequests requests = new HostileRequests(seed, operations, fixture, TOKEN, MAX_BODY_BYTES);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> perOperation = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.currentTimeMillis();
        int sent = 0;
        // A mutated request can still be valid (the fuzzer also varies numbers and ids); a write the
        // service accepted may change what it legitimately changes, and nothing else.
        boolean opsAccepted = false;
        boolean sliceHashAccepted = false;
        while (sent < planned && System.currentTimeMillis() - started < TIME_BUDGET_MILLIS) {
            HostileRequests.Case hostile = requests.next(sent++);
            Reply reply = attacked.api().send(hostile.request());
            statuses.merge(reply.status(), 1, Integer::sum);
            perOperation.merge(hostile.operation().toString(), 1, Integer::sum);
            if (reply.status() / 100 == 2) {
                String target = hostile.request().target();
                opsAccepted |= hostile.request().method().equals("POST") && target.matches(".*/ops(\\?.*)?$");
                sliceHashAccepted |= hostile.request().method().equals("PUT") && target.contains("/slice-hashes/");
            }
            String problem = check(reply, hostile);
            if (problem != null && failures.size() < 20) {
                failures.add("#" + (sent - 1) + " " + hostile.kind() + " " + hostile.request().method() + " "
                        + abbreviate(hostile.request().target()) + " -> " + reply.status() + ": " + problem + " | "
                        + abbreviate(reply.text()));
            }
        }
        long millis = System.currentTimeMillis() - started;
        SpaceFixture.Fingerprint after = fixture.fingerprint(attacked.api(), TOKEN);
        Reply health = attacked.admin().get("/healthcheck", null);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", seed);
        figures.put("requests", sent);
        figures.put("millis", millis);
        figures.put("operations", operations.size());
        figures.put("statuses", statuses);
        figures.put("requests_per_operation", perOperation);
        figures.put("fingerprint_before", before.toString());
        figures.put("fingerprint_after", after.toString());
        figures.put("valid_ops_writes_accepted", opsAccepted);
        figures.put("valid_slice_hash_writes_accepted", sliceHashAccepted);
        figures.put("healthy_after", health.status() == 200);
        figures.put("failures", failures);
        Figures.write("hostile-input", figures);
        System.out.println("HostileInputTest: " + sent + " requests in " + millis + " ms, statuses " + statuses);

        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(sent).as("requests fuzzed within the time budget").isGreaterThanOrEqualTo(Math.min(planned, 1000));
        assertThat(perOperation).as("every operation fuzzed").hasSize(operations.size());
        assertThat(after.fixtureOps()).as("the fixture's ops (ids and data) after the fuzzing, seed " + seed)
                .isEqualTo(before.fixtureOps());
        if (!opsAccepted) {
            assertThat(after.count()).as("op count after the fuzzing, seed " + seed).isEqualTo(before.count());
        }
        if (!sliceHashAccepted) {
            assertThat(after.sliceHashes()).as("slice hashes after the fuzzing, seed " + seed).isEqualTo(before.sliceHashes());
        }
        assertThat(health.status()).as("admin /healthcheck after the fuzzing: " + health.text()).isEqualTo(200);
    }

    /** Null when the answer keeps the API's promises for this hostile request. */
    private static String check(Reply reply, HostileRequests.Case hostile) {
        if (reply.status() >= 500) {
            return "a 5xx";
        }
        if (reply.status() < 400) {
            return null;
        }
        String problem = ErrorAnswers.problem(reply);
        if (problem == null && reply.status() == 400) {
            problem = ErrorAnswers.unnamed(reply, hostile.fields());
        }
        return problem;
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...(" + text.length() + " chars)";
    }
}
