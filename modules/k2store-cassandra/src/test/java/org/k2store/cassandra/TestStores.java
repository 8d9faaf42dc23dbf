package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.util.UUID;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.testkit.Await;
import org.k2store.testkit.StoreFactory;

/** Opens store factories on the module's shared Cassandra; each opened store is a brand-new space. */
final class TestStores implements AutoCloseable {

    static final String KEYSPACE = "k2store_test";

    final CqlSession session;
    final CassandraOpStores stores;

    TestStores(CassandraEndpoint endpoint, CassandraStoreConfig config) {
        this(endpoint, config, QueryObserver.NONE);
    }

    TestStores(CassandraEndpoint endpoint, CassandraStoreConfig config, QueryObserver observer) {
        this(endpoint, config, observer, org.k2store.api.MicrosClock.system());
    }

    /** A node whose own clock is {@code nodeClock}: its stores opened with that clock take part in closed timestamps. */
    TestStores(CassandraEndpoint endpoint, CassandraStoreConfig config, QueryObserver observer, org.k2store.api.MicrosClock nodeClock) {
        this.session = Await.result(Sessions.open(config, endpoint.contactPoints()).toCompletableFuture());
        this.stores = CassandraOpStores.open(session, config, observer, nodeClock);
    }

    /** A new space and its store. */
    CassandraOpStore newStore(org.k2store.api.SpaceSettings settings, org.k2store.api.MicrosClock clock,
            org.k2store.api.SettleWindow window) {
        return (CassandraOpStore) factory().open(settings, clock, window);
    }

    static CassandraStoreConfig defaults() {
        return new CassandraStoreConfig().setKeyspace(KEYSPACE).setFanOut(8).setRequestTimeout(Duration.ofSeconds(30));
    }

    StoreFactory factory() {
        return (settings, clock, window) -> {
            SpaceHandle space = Await.result(stores.createSpace("test-" + UUID.randomUUID(), settings));
            return stores.store(space, clock, window);
        };
    }

    @Override
    public void close() {
        stores.close();
        session.close();
    }
}
