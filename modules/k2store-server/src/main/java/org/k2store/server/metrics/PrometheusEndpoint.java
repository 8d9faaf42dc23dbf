package org.k2store.server.metrics;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.AdminEnvironment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;

/**
 * Serves the whole Dropwizard registry (API timers, store timers, query histograms, per-space
 * counters, the driver's metrics, JVM) in Prometheus text format at {@code /prometheus} on the
 * admin port. Names are the Dropwizard names with every other character turned into '_'.
 */
public final class PrometheusEndpoint {

    public static final String PATH = "/prometheus";

    private PrometheusEndpoint() {
    }

    public static void install(MetricRegistry metrics, AdminEnvironment admin) {
        CollectorRegistry collectors = new CollectorRegistry();
        collectors.register(new DropwizardExports(metrics));
        admin.addServlet("prometheus", new MetricsServlet(collectors)).addMapping(PATH);
    }
}
