package org.k2store.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

class QueryMetricsTest {

    @Test
    void partitionsPagesAndSealsLandUnderTheStoreMethod() {
        MetricRegistry registry = new MetricRegistry();
        QueryMetrics metrics = new QueryMetrics(registry);
        metrics.onQuery("retrieve_op_hashes_in_time_slice", 16, 32);
        metrics.onSeals("retrieve_op_hashes_in_time_slice", 0, 16);
        metrics.onQuery("retrieve_op_hashes_in_time_slice", 16, 16);
        metrics.onSeals("retrieve_op_hashes_in_time_slice", 16, 0);

        String prefix = "k2store.cassandra.retrieve_op_hashes_in_time_slice.";
        assertThat(registry.histogram(prefix + "partitions").getCount()).isEqualTo(2);
        assertThat(registry.histogram(prefix + "pages").getSnapshot().getMax()).isEqualTo(32);
        assertThat(registry.meter(prefix + "sealed_reads").getCount()).isEqualTo(16);
        assertThat(registry.meter(prefix + "seals_written").getCount()).isEqualTo(16);
    }
}
