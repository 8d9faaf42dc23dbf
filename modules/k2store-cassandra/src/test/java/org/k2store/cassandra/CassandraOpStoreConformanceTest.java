package org.k2store.cassandra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.OpStoreConformanceSuite;
import org.k2store.testkit.StoreFactory;

/** The whole contract, and the differential run against the memory oracle, on real Cassandra. */
@ExtendWith(CassandraExtension.class)
class CassandraOpStoreConformanceTest extends OpStoreConformanceSuite {

    private static TestStores stores;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        stores = new TestStores(endpoint, TestStores.defaults());
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Override
    protected StoreFactory factory() {
        return stores.factory();
    }
}
