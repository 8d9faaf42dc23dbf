package org.k2store.cassandra;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.OpStoreConformanceSuite;
import org.k2store.testkit.StoreFactory;

/**
 * The contract again with tiny buckets, tiny pages and a low wide-arc threshold, so that the paths
 * the default layout rarely takes run on every test: queries over many time buckets (through the
 * bucket index), coarse-grain reads, partial edge buckets, and merges across many pages.
 */
@ExtendWith(CassandraExtension.class)
class SmallBucketsConformanceTest extends OpStoreConformanceSuite {

    private static TestStores stores;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        stores = new TestStores(endpoint, TestStores.defaults()
                .setFineLocationBits(4)
                .setCoarseLocationBits(1)
                .setWideArcFineBuckets(2)
                .setCreatedBucket(Duration.ofNanos(100_000)) // 100 µs
                .setStoredBucket(Duration.ofNanos(500_000)) // 500 µs
                .setPageSize(10)
                .setFanOut(3));
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Override
    protected StoreFactory factory() {
        return stores.factory();
    }

    @Override
    protected int differentialSequences() {
        return 25;
    }
}
