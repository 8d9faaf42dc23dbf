package org.k2store.cassandra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.k2store.cassandra.embedded.DataDirectoryInUseException;
import org.k2store.cassandra.embedded.EmbeddedCassandra;

/**
 * Decides where the tests' Cassandra comes from, in this order:
 * <ol>
 *   <li>an existing cluster: env {@value #CONTACT_POINTS} (host:port,...) and {@value #LOCAL_DC}
 *       (default datacenter1);
 *   <li>a Testcontainers container (image {@value ContainerCassandra#DEFAULT_IMAGE}, or env
 *       {@value #IMAGE}) when a Docker engine answers; env {@value #TESTCONTAINERS}=false skips this;
 *   <li>an embedded node (child JVM) with its data under ./target/cassandra-embedded (wiped at start),
 *       or a temporary directory when there is no ./target or another JVM uses that one.
 * </ol>
 */
final class CassandraProvider {
  static final String CONTACT_POINTS = "K2STORE_CASSANDRA_CONTACT_POINTS";
  static final String LOCAL_DC = "K2STORE_CASSANDRA_LOCAL_DC";
  static final String TESTCONTAINERS = "K2STORE_CASSANDRA_TESTCONTAINERS";
  static final String IMAGE = "K2STORE_CASSANDRA_IMAGE";
  static final String HEAP = "K2STORE_CASSANDRA_HEAP";

  private static final System.Logger LOG = System.getLogger(CassandraProvider.class.getName());
  private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(20);

  private CassandraProvider() {}

  static ProvidedCassandra provide(Map<String, String> env) {
    ProvidedCassandra provided;
    String contactPoints = env.get(CONTACT_POINTS);
    if (contactPoints != null && !contactPoints.isBlank()) {
      CassandraEndpoint endpoint = new CassandraEndpoint(ContactPoints.parse(contactPoints),
          env.getOrDefault(LOCAL_DC, EmbeddedCassandra.LOCAL_DATACENTER));
      provided = new ProvidedCassandra(endpoint, "external cluster from $" + CONTACT_POINTS, () -> { });
    } else if (!"false".equalsIgnoreCase(env.get(TESTCONTAINERS))
        && DockerProbe.dockerAvailable(DOCKER_PROBE_TIMEOUT)) {
      provided = ContainerCassandra.start(env.getOrDefault(IMAGE, ContainerCassandra.DEFAULT_IMAGE));
    } else {
      provided = embedded(env.getOrDefault(HEAP, "512m"));
    }
    LOG.log(Level.INFO, "Tests use Cassandra at {0} (local DC {1}): {2}",
        provided.endpoint().contactPoints(), provided.endpoint().localDatacenter(), provided.description());
    return provided;
  }

  private static ProvidedCassandra embedded(String heap) {
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      try {
        return embedded(target.resolve("cassandra-embedded"), heap, false);
      } catch (DataDirectoryInUseException e) {
        LOG.log(Level.INFO, "{0} is in use; using a temporary directory", e.dataDirectory());
      }
    }
    try {
      return embedded(Files.createTempDirectory("k2store-cassandra-"), heap, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ProvidedCassandra embedded(Path dataDirectory, String heap, boolean deleteAfter) {
    EmbeddedCassandra node = EmbeddedCassandra.builder()
        .dataDirectory(dataDirectory)
        .deleteExistingData(true) // a blank node per run: no keyspaces left from the last one
        .unsafeSystem(true)       // throw-away node: faster schema changes
        .heap(heap)
        .build()
        .start();
    CassandraEndpoint endpoint = new CassandraEndpoint(java.util.List.of(node.contactPoint()), node.localDatacenter());
    AutoCloseable stopper = () -> {
      node.close();
      if (deleteAfter) {
        deleteRecursively(dataDirectory);
      }
    };
    return new ProvidedCassandra(endpoint, "embedded node, data in " + node.dataDirectory(), stopper);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
