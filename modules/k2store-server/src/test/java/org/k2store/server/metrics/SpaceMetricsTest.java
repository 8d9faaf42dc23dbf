package org.k2store.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Per-space counters stay bounded however many spaces clients name. */
class SpaceMetricsTest {

    @Test
    void countersExistForAtMostTheConfiguredNumberOfSpaces() {
        MetricRegistry registry = new MetricRegistry();
        SpaceMetrics spaces = new SpaceMetrics(registry, 100, Duration.ofHours(1));
        for (int i = 0; i < 10_000; i++) {
            spaces.request("space-" + i);
            spaces.opsStored("space-" + i, 3);
        }
        spaces.cleanUp();
        assertThat(registry.getCounters().keySet().stream().filter(name -> name.startsWith("k2store.spaces.")).count())
                .isLessThanOrEqualTo(200);
        assertThat(registry.counter("k2store.spaces.space-9999.requests").getCount()).isEqualTo(1);
        assertThat(registry.counter("k2store.spaces.space-9999.ops-stored").getCount()).isEqualTo(3);
    }

    @Test
    void aRecentSpaceKeepsCounting() {
        MetricRegistry registry = new MetricRegistry();
        SpaceMetrics spaces = new SpaceMetrics(registry, 10, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            spaces.request("busy");
        }
        assertThat(registry.counter("k2store.spaces.busy.requests").getCount()).isEqualTo(5);
    }
}
