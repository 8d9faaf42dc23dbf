package org.k2store.cassandra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A second class, registering its own extension instance: it must get the same node. */
class SharedNodeTest {
  @RegisterExtension
  static final CassandraExtension CASSANDRA = new CassandraExtension();

  @Test
  void reusesTheNodeOfTheOtherTestClass() {
    SeenEndpoints.assertSameAsOthers(CASSANDRA.endpoint());
    try (CqlSession session = CASSANDRA.endpoint().openSession()) {
      assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0)).isNotBlank();
    }
  }
}
