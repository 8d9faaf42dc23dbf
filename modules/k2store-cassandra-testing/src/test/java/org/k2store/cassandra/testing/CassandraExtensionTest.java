package org.k2store.cassandra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CassandraExtension.class)
class CassandraExtensionTest {
  @Test
  void writesAndReadsARow(CqlSession session) {
    session.execute("CREATE KEYSPACE IF NOT EXISTS extension_test WITH replication = "
        + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS extension_test.ops (space text, id int, body blob, "
        + "PRIMARY KEY (space, id))");
    session.execute("INSERT INTO extension_test.ops (space, id, body) VALUES ('s1', 1, 0xcafe)");

    Row row = session.execute("SELECT id, body FROM extension_test.ops WHERE space = 's1'").one();

    assertThat(row).isNotNull();
    assertThat(row.getInt("id")).isEqualTo(1);
    assertThat(row.getByteBuffer("body").get(0)).isEqualTo((byte) 0xca);
    session.execute("DROP KEYSPACE extension_test");
  }

  @Test
  void endpointAndSessionPointAtTheSameNode(CassandraEndpoint endpoint, CqlSession session) {
    SeenEndpoints.assertSameAsOthers(endpoint);
    assertThat(endpoint.localDatacenter()).isEqualTo("datacenter1");
    try (CqlSession own = endpoint.openSession()) {
      String viaOwn = own.execute("SELECT host_id FROM system.local").one().getUuid(0).toString();
      String viaInjected = session.execute("SELECT host_id FROM system.local").one().getUuid(0).toString();
      assertThat(viaOwn).isEqualTo(viaInjected);
    }
  }
}
