package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * Fairness between tenants, functionally (no timing asserted; input/fairness.yml): while "flood"
 * sends far beyond its 20 requests/s and 4 in progress, it gets 429s naming its limit and "calm"
 * gets every answer; a tenant at its cap of requests in progress is refused, others are not, and
 * its permits come back when those requests end.
 */
@ExtendWith(CassandraExtension.class)
class TenantFairnessTest {

    static final String FLOOD = "flood-token";
    static final String CALM = "calm-token";
    static final String CAPPED = "capped-token";

    private static final Map<String, Object> figures = new LinkedHashMap<>();
    private static InputService service;
    private static RawHttp api;
    private static SpaceFixture floodSpace;
    private static SpaceFixture calmSpace;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        service = InputService.start("fairness.yml", cassandra);
        api = new RawHttp(service.api());
        floodSpace = SpaceFixture.create(api, CALM, "flood-space", 20, 1_700_000_000_000_000L);
        calmSpace = SpaceFixture.create(api, CALM, "calm-space", 20, 1_700_000_000_000_000L);
    }

    @AfterAll
    static void stop() {
        Figures.write("tenant-fairness", figures);
        service.close();
    }

    @Test
    void aFloodingTenantIsRefusedWhileAnotherIsServed() throws Exception {
        int calmRequests = 100;
        List<String> calmFailures = new ArrayList<>();
        long started = System.nanoTime();
        Flood flood = new Flood(URI.create(service.api() + floodSpace.path() + "/op-count"), FLOOD, 4);
        try (flood) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (flood.refused() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(flood.refused()).as("the flood meets its limits").isPositive();
            for (int i = 0; i < calmRequests; i++) {
                Reply reply = i % 2 == 0 ? api.get(calmSpace.path() + "/op-count", CALM)
                        : api.json("POST", calmSpace.path() + "/ops/retrieve", CALM, "{\"op_ids\": "
                                + SpaceFixture.jsonStrings(calmSpace.opIds().subList(0, 5)) + "}");
                if (reply.status() != 200 && calmFailures.size() < 5) {
                    calmFailures.add(reply.status() + " " + reply.text());
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        figures.put("flood", Map.of("threads", 4, "sent", flood.sent(), "outcomes", flood.outcomes(), "seconds", seconds));
        figures.put("calm", Map.of("sent", calmRequests, "failed", calmFailures.size()));

        assertThat(calmFailures).as("calm's answers while flood floods").isEmpty();
        assertThat(flood.unexpected()).as("every flood answer a 200 or a proper 429").isNull();
        assertThat(flood.count("429 rate_limited")).as("refused for its rate").isPositive();
        // The rate holds: no more than 20/s over the whole run, plus one second of saved-up burst.
        assertThat(flood.count("200")).as("flood's answers in " + seconds + " s").isLessThanOrEqualTo((int) (20 * seconds) + 20 + 5);
    }

    @Test
    void aTenantAtItsCapOfRequestsInProgressIsRefusedAndOthersAreNot() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                stalled.add(stalledRequest()); // each holds one of capped's 2 permits while its body never ends
            }
            Reply third = null;
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                // A stalled request dispatched after a probe took its permit is refused itself: replace it.
                for (int i = 0; i < stalled.size(); i++) {
                    if (stalled.get(i).getInputStream().available() > 0) {
                        stalled.get(i).close();
                        stalled.set(i, stalledRequest());
                    }
                }
                third = api.get(calmSpace.path() + "/op-count", CAPPED);
                if (third.status() == 429) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(third.status()).as("a third request while two are in progress: " + third.text()).isEqualTo(429);
            assertThat(third.json().path("reason").asText()).isEqualTo("concurrency_limited");
            assertThat(third.json().path("message").asText()).contains("limits.tenantMaxInFlightRequests").contains("capped");
            assertThat(third.header("Retry-After")).isEqualTo("1");
            assertThat(api.get(calmSpace.path() + "/op-count", CALM).status()).as("another tenant meanwhile").isEqualTo(200);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        Reply after = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            after = api.get(calmSpace.path() + "/op-count", CAPPED);
            if (after.status() == 200) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(after.status()).as("capped's permits are back once its requests ended: " + after.text()).isEqualTo(200);
        figures.put("concurrency_cap", Map.of("capped_in_progress", 2, "third_request", 429, "after_release", after.status()));
    }

    /** A request whose body is announced but never finished: the service holds it (and its permit) while it waits. */
    private static Socket stalledRequest() throws IOException {
        Socket socket = new Socket(service.api().getHost(), service.api().getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + calmSpace.path() + "/ops/filter-existing HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + CAPPED
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"op_ids\": [").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }
}
