package org.k2store.server.metrics;

import com.codahale.metrics.MetricRegistry;
import org.k2store.cassandra.QueryObserver;

/**
 * The cost of each index query as histograms: partitions read and pages fetched per call, per
 * store method ({@code k2store.cassandra.<method>.partitions} and {@code .pages}). A growing
 * partition count for the same answer size is the first sign of a bucket layout gone wrong. Seals
 * as meters: partitions answered from their seal ({@code .sealed_reads}) and seals written
 * ({@code .seals_written}); in steady state reads far outnumber writes. Ops reconciled after two
 * nodes stored them at once ({@code process_incoming_ops.write_races}).
 */
public final class QueryMetrics implements QueryObserver {

    private final MetricRegistry metrics;

    public QueryMetrics(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onQuery(String method, int partitions, int pages) {
        metrics.histogram(MetricRegistry.name("k2store.cassandra", method, "partitions")).update(partitions);
        metrics.histogram(MetricRegistry.name("k2store.cassandra", method, "pages")).update(pages);
    }

    @Override
    public void onSeals(String method, int readSealed, int sealed) {
        metrics.meter(MetricRegistry.name("k2store.cassandra", method, "sealed_reads")).mark(readSealed);
        metrics.meter(MetricRegistry.name("k2store.cassandra", method, "seals_written")).mark(sealed);
    }

    @Override
    public void onWriteRaces(int reconciled) {
        metrics.meter(MetricRegistry.name("k2store.cassandra", "process_incoming_ops", "write_races")).mark(reconciled);
    }

    /** {@code k2store.cassandra.process_incoming_ops.visibility_lag_micros}: compare its max with the settle window. */
    @Override
    public void onVisibilityLag(long micros) {
        metrics.histogram(MetricRegistry.name("k2store.cassandra", "process_incoming_ops", "visibility_lag_micros")).update(micros);
    }

    /**
     * {@code k2store.cassandra.server_warnings}: warnings Cassandra sent with a write (the driver logs
     * their text); anything but zero means the cluster's batch thresholds are below the
     * {@code writeBatch*} settings.
     */
    @Override
    public void onServerWarnings(java.util.List<String> warnings) {
        metrics.meter(MetricRegistry.name("k2store.cassandra", "server_warnings")).mark(warnings.size());
    }
}
