package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.k2store.api.DhtArc;

/**
 * Known data for the console tests, written through the API. A 503 (Cassandra too slow, e.g. the
 * first lightweight transaction on a fresh keyspace on a busy machine) is what the API says to
 * retry, so these writes retry it a few times, counting every call made (the call timers count
 * failed calls too).
 */
final class ConsoleFixtures {

    private static final int ATTEMPTS = 5;

    private final Http api;
    private final String token;
    private int calls;

    ConsoleFixtures(Http api, String token) {
        this.api = api;
        this.token = token;
    }

    /** Calls made so far, retries included. */
    int calls() {
        return calls;
    }

    void createSpace(String space) {
        expect(() -> api.json("PUT", "/v1/spaces/" + space, token, "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}"),
                200, 201);
    }

    void postOps(String space, List<String> ops) {
        String body = ops.stream().map(op -> "\"" + op + "\"").collect(Collectors.joining(",", "{\"ops\": [", "]}"));
        expect(() -> api.json("POST", "/v1/spaces/" + space + "/ops", token, body), 200);
    }

    void storeHash(String space, DhtArc arc, long index) {
        expect(() -> api.json("PUT", "/v1/spaces/" + space + "/slice-hashes/" + arc + "/" + index, token, "{\"hash\": \"AQIDBA\"}"), 204);
    }

    private void expect(Supplier<Http.Reply> call, Integer... statuses) {
        Http.Reply reply = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            calls++;
            reply = call.get();
            if (reply.status() != 503) {
                break;
            }
        }
        assertThat(reply.status()).as(reply.body()).isIn((Object[]) statuses);
    }
}
