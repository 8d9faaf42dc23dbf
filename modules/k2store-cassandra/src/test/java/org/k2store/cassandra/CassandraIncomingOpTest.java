package org.k2store.cassandra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.IncomingOpSuite;
import org.k2store.testkit.StoreFactory;

/** IncomingOp ids and metadata on real Cassandra: metadata in the op's ops_by_id row, first write wins. */
@ExtendWith(CassandraExtension.class)
class CassandraIncomingOpTest extends IncomingOpSuite {

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
