package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.dropwizard.testing.ConfigOverride;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * /ready is this pod's own fitness: ready on a current schema, unready (503 naming why) when the
 * keyspace records a schema version newer than this code knows, which a rolling upgrade can leave
 * an old pod facing. (A Cassandra outage keeps it ready: CassandraOutageTest.)
 */
@ExtendWith(CassandraExtension.class)
class ReadinessTest {

    @Test
    void readyOnACurrentSchemaAndUnreadyOnANewerOne(CassandraEndpoint cassandra) throws Exception {
        String keyspace = "k2store_ready_" + Long.toHexString(System.nanoTime());
        try (TestServer server = TestServer.start("tenants.yml", StoreTuning.PRODUCTION, cassandra,
                ConfigOverride.config("cassandra.keyspace", keyspace))) {
            Http admin = new Http(server.admin());
            Http.Reply ready = admin.get("/ready", null);
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);

            InetSocketAddress point = cassandra.contactPoints().get(0);
            try (CqlSession session = CqlSession.builder().addContactPoint(point).withLocalDatacenter(cassandra.localDatacenter()).build()) {
                session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace
                        + ".schema_migrations (component, version, description, applied_at) VALUES ('k2store', 999, 'from the future', toTimestamp(now()))"));
            }
            Http.Reply unready = admin.get("/ready", null);
            assertThat(unready.status()).as(unready.body()).isEqualTo(503);
            assertThat(unready.body()).contains("999");
        }
    }
}
