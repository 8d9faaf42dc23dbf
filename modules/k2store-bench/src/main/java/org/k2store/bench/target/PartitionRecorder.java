package org.k2store.bench.target;

import java.util.concurrent.atomic.AtomicLong;
import org.k2store.bench.QueryCosts;
import org.k2store.cassandra.QueryObserver;

/**
 * Sums what k2store's index queries report (partitions, pages), so the driver can tell per call how
 * many partitions a query touched: the evidence that cost follows the answer, not the data.
 */
public final class PartitionRecorder implements QueryObserver, QueryCosts {

    private final AtomicLong partitions = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();

    @Override
    public void onQuery(String method, int partitionCount, int pageCount) {
        partitions.addAndGet(partitionCount);
        pages.addAndGet(pageCount);
        queries.incrementAndGet();
    }

    @Override
    public void reset() {
        partitions.set(0);
        pages.set(0);
        queries.set(0);
    }

    @Override
    public long partitions() {
        return partitions.get();
    }

    @Override
    public long pages() {
        return pages.get();
    }

    @Override
    public long queries() {
        return queries.get();
    }
}
