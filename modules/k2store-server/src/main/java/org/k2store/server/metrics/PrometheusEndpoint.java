package org.k2store.server.metrics;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.AdminEnvironment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.dropwizard.samplebuilder.CustomMappingSampleBuilder;
import io.prometheus.client.dropwizard.samplebuilder.MapperConfig;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;
import java.util.List;
import java.util.Map;

/**
 * Serves the whole Dropwizard registry (API timers, store timers, query histograms, per-space
 * counters, the driver's metrics, JVM) in Prometheus text format at {@code /prometheus} on the
 * admin port. Names are the Dropwizard names with every other character turned into '_', except
 * the per-space counters: one series name with the space as a label
 * ({@code k2store_space_requests{space="..."}}), so dashboards and rules never meet a new metric
 * name per space.
 */
public final class PrometheusEndpoint {

    public static final String PATH = "/prometheus";

    private PrometheusEndpoint() {
    }

    public static void install(MetricRegistry metrics, AdminEnvironment admin) {
        CollectorRegistry collectors = new CollectorRegistry();
        collectors.register(new DropwizardExports(metrics, new CustomMappingSampleBuilder(List.of(
                new MapperConfig("k2store.spaces.*.requests", "k2store_space_requests", Map.of("space", "${0}")),
                new MapperConfig("k2store.spaces.*.ops-stored", "k2store_space_ops_stored", Map.of("space", "${0}"))))));
        admin.addServlet("prometheus", new MetricsServlet(collectors)).addMapping(PATH);
    }
}
