package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * A client naming thousands of spaces that do not exist must not grow what the service keeps:
 * 2,000 calls on distinct unknown ids leave /metrics and /prometheus as they were, while calls on
 * a real space are counted, in Prometheus as one series with the space as a label.
 */
@ExtendWith(CassandraExtension.class)
class UnknownSpaceMetricsAttackTest {

    @RegisterExtension
    static final ServiceUnderTest attacked = new ServiceUnderTest("attack.yml");

    private static final String TENANT = "attack-token";

    @Test
    void callsOnUnknownSpacesRegisterNothing() {
        SpaceFixture real = SpaceFixture.create(attacked.api(), TENANT, "metered-space", 3, 1_700_000_000_000_000L);
        attacked.api().get(real.path() + "/op-count", TENANT);
        int before = attacked.admin().get("/metrics", "admin-token").body().length;
        for (int i = 0; i < 2_000; i++) {
            String unknown = Base64Url.encode(("no-such-space-" + i).getBytes(StandardCharsets.UTF_8));
            Reply reply = i % 2 == 0 ? attacked.api().get("/v1/spaces/" + unknown + "/op-count", TENANT)
                    : attacked.api().json("POST", "/v1/spaces/" + unknown + "/ops", TENANT, "{\"ops\": []}");
            assertThat(reply.status()).as(reply.text()).isEqualTo(404);
        }
        Reply metrics = attacked.admin().get("/metrics", "admin-token");
        assertThat(metrics.text()).doesNotContain("bm8tc3VjaC1zcGFjZS");
        assertThat(metrics.body().length).as("the registry did not grow with the unknown ids").isLessThan(before + 16 * 1024);
        Reply prometheus = attacked.admin().get("/prometheus", "admin-token");
        assertThat(prometheus.text()).doesNotContain("bm8tc3VjaC1zcGFjZS")
                .contains("k2store_space_requests{space=\"" + real.space() + "\",}");
    }
}
