package org.k2store.cassandra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

/** Test classes record what they were given; whichever runs second compares with the first. */
final class SeenEndpoints {
  private static final AtomicReference<CassandraEndpoint> FIRST = new AtomicReference<>();

  private SeenEndpoints() {}

  static void assertSameAsOthers(CassandraEndpoint endpoint) {
    FIRST.compareAndSet(null, endpoint);
    assertThat(endpoint).isSameAs(FIRST.get());
    assertThat(CassandraExtension.provisions()).isEqualTo(1);
  }
}
