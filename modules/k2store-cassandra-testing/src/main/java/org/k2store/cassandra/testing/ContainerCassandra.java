package org.k2store.cassandra.testing;

import java.util.List;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.utility.DockerImageName;

/** Cassandra in Docker via Testcontainers; its own class so Testcontainers loads only if used. */
final class ContainerCassandra {
  static final String DEFAULT_IMAGE = "cassandra:5.0";

  private ContainerCassandra() {}

  static ProvidedCassandra start(String image) {
    CassandraContainer container = new CassandraContainer(DockerImageName.parse(image));
    container.start();
    CassandraEndpoint endpoint =
        new CassandraEndpoint(List.of(container.getContactPoint()), container.getLocalDatacenter());
    return new ProvidedCassandra(endpoint, "Testcontainers " + image, container);
  }
}
