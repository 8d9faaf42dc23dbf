package org.k2store.server.metrics;

import com.codahale.metrics.MetricRegistry;

/**
 * Per-space counters, for telling which tenant's space drives the load:
 * {@code k2store.spaces.<space>.requests} (authorized API calls) and
 * {@code k2store.spaces.<space>.ops-stored} (ops accepted by process_incoming_ops, re-sent ones
 * included). One pair per space used since start.
 */
public final class SpaceMetrics {

    private final MetricRegistry metrics;

    public SpaceMetrics(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    public void request(String space) {
        metrics.counter(MetricRegistry.name("k2store.spaces", space, "requests")).inc();
    }

    public void opsStored(String space, int count) {
        metrics.counter(MetricRegistry.name("k2store.spaces", space, "ops-stored")).inc(count);
    }
}
