package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * A client naming thousands of spaces that do not exist must not grow what the service keeps:
 * 2,000 calls on distinct unknown ids leave /metrics and /prometheus as they were, while calls on
 * a real space are counted, in Prometheus as one series with the space as a label.
 */
@ExtendWith(CassandraExtension.class)
class UnknownSpaceMetricsAttackTest {

    private static final String TENANT = "attack-token";

    private static InputService service;
    private static RawHttp api;
    private static RawHttp admin;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        service = InputService.start("attack.yml", cassandra);
        api = new RawHttp(service.api());
        admin = new RawHttp(service.admin());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void callsOnUnknownSpacesRegisterNothing() {
        SpaceFixture real = SpaceFixture.create(api, TENANT, "metered-space", 3, 1_700_000_000_000_000L);
        api.get(real.path() + "/op-count", TENANT);
        int before = admin.get("/metrics", "admin-token").body().length;
        for (int i = 0; i < 2_000; i++) {
            String unknown = Base64Url.encode(("no-such-space-" + i).getBytes(StandardCharsets.UTF_8));
            Reply reply = i % 2 == 0 ? api.get("/v1/spaces/" + unknown + "/op-count", TENANT)
                    : api.json("POST", "/v1/spaces/" + unknown + "/ops", TENANT, "{\"ops\": []}");
            assertThat(reply.status()).as(reply.text()).isEqualTo(404);
        }
        Reply metrics = admin.get("/metrics", "admin-token");
        assertThat(metrics.text()).doesNotContain("bm8tc3VjaC1zcGFjZS");
        assertThat(metrics.body().length).as("the registry did not grow with the unknown ids").isLessThan(before + 16 * 1024);
        Reply prometheus = admin.get("/prometheus", "admin-token");
        assertThat(prometheus.text()).doesNotContain("bm8tc3VjaC1zcGFjZS")
                .contains("k2store_space_requests{space=\"" + real.space() + "\",}");
    }
}
