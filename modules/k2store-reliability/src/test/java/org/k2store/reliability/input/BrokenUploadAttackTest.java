package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * Uploads whose connection ends before the body does: closed after the headers, closed mid-body,
 * reset mid-body, a chunked body cut in a chunk. The client is gone, so what shows is what the
 * service counts: no 5xx in its own response meters, and nothing of the body stored.
 */
@ExtendWith(CassandraExtension.class)
class BrokenUploadAttackTest {

    @RegisterExtension
    static final ServiceUnderTest attacked = new ServiceUnderTest("attack.yml");

    private static final String TENANT = "attack-token";

    private static SpaceFixture space;

    @BeforeAll
    static void start() {
        space = SpaceFixture.create(attacked.api(), TENANT, "broken-uploads", 5, 1_700_000_000_000_000L);
    }

    @Test
    void aBodyEndingEarlyIsNeverAServerError() throws Exception {
        String ops = "{\"ops\": " + SpaceFixture.jsonStrings(space.opBytes()).replace(space.opBytes().get(0), "AAAA") + "}";
        String hash = "{\"hash\": \"AAECAwQFBgcICQ\"}";
        String[][] requests = {
            {"POST", space.path() + "/ops", ops},
            {"POST", space.path() + "/ops/retrieve", "{\"op_ids\": " + SpaceFixture.jsonStrings(space.opIds()) + "}"},
            {"POST", space.path() + "/ops/filter-existing", "{\"op_ids\": " + SpaceFixture.jsonStrings(space.opIds()) + "}"},
            {"PUT", space.path() + "/slice-hashes/0..8388607/7", hash},
            {"PUT", "/v1/spaces/YnJva2VuLW5ldw", "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}"},
        };
        long before = serverErrors();
        for (String[] request : requests) {
            byte[] body = request[2].getBytes(StandardCharsets.UTF_8);
            send(request, body, 0, false, false);             // closed after the headers
            send(request, body, body.length / 2, false, false); // closed mid-body
            send(request, body, body.length / 2, true, false);  // reset mid-body
            send(request, body, body.length / 2, false, true);  // chunked, cut inside a chunk
        }
        Thread.sleep(1_000); // the service notices the ends asynchronously
        assertThat(serverErrors() - before).as("5xx answers counted by the service").isZero();
        Reply count = attacked.api().get(space.path() + "/op-count", TENANT);
        assertThat(count.json().path("count").asLong()).as("nothing half-stored").isEqualTo(5);
        assertThat(attacked.api().get(space.path() + "/slice-hashes/0..8388607/7", TENANT).status()).isEqualTo(404);
        assertThat(attacked.api().get("/v1/spaces/YnJva2VuLW5ldw", TENANT).status()).isEqualTo(404);
    }

    private static void send(String[] request, byte[] body, int sentBytes, boolean reset, boolean chunked) throws Exception {
        URI base = attacked.service().api();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((request[0] + " " + request[1] + " HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\nAuthorization: Bearer "
                    + TENANT + "\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n"
                            : "Content-Length: " + body.length + "\r\n\r\n")).getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, sentBytes);
            out.flush();
            Thread.sleep(100);
            if (reset) {
                socket.setSoLinger(true, 0);
            }
        }
    }

    /** The 5xx answers of the API port so far, from the service's own Jetty meters. */
    private static long serverErrors() {
        Reply metrics = attacked.admin().get("/metrics", "admin-token");
        assertThat(metrics.status()).as(metrics.text()).isEqualTo(200);
        long total = 0;
        for (Map.Entry<String, JsonNode> meter : metrics.json().path("meters").properties()) {
            if (meter.getKey().endsWith("5xx-responses")) {
                total += meter.getValue().path("count").asLong();
            }
        }
        return total;
    }
}
