package org.k2store.server.metrics;

import com.codahale.metrics.MetricRegistry;
import org.k2store.cassandra.QueryObserver;

/**
 * The cost of each index query as histograms: partitions read and pages fetched per call, per
 * store method ({@code k2store.cassandra.<method>.partitions} and {@code .pages}). A growing
 * partition count for the same answer size is the first sign of a bucket layout gone wrong.
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
}
