package org.k2store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Starts real nodes: slow (a node start is several seconds), so everything is in one place. */
class EmbeddedCassandraTest {
  private static final Path WORK = Path.of(System.getProperty("k2store.test.workdir", "target"));

  @Test
  void restartsOnExistingDataAndKeepsIt() throws Exception {
    Path dataDir = WORK.resolve("embedded-restart-test");
    EmbeddedCassandra.Builder builder = EmbeddedCassandra.builder()
        .dataDirectory(dataDir)
        .deleteExistingData(true)
        .unsafeSystem(true);

    long pid;
    try (EmbeddedCassandra node = timedStart(builder.build(), "fresh");
         CqlSession session = session(node)) {
      pid = node.pid();
      assertThat(node.releaseVersion()).isEqualTo(System.getProperty("expected.cassandra.version"));
      assertThat(node.localDatacenter()).isEqualTo("datacenter1");
      session.execute("CREATE KEYSPACE restart_test WITH replication = "
          + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute("CREATE TABLE restart_test.kv (k text PRIMARY KEY, v text)");
      session.execute("INSERT INTO restart_test.kv (k, v) VALUES ('a', 'survives restarts')");

      // The directory is the node's while it runs.
      assertThatThrownBy(() -> EmbeddedCassandra.builder().dataDirectory(dataDir).build().start())
          .isInstanceOf(DataDirectoryInUseException.class);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

    try (EmbeddedCassandra node = timedStart(builder.deleteExistingData(false).build(), "restart");
         CqlSession session = session(node)) {
      assertThat(session.execute("SELECT v FROM restart_test.kv WHERE k = 'a'").one().getString("v"))
          .isEqualTo("survives restarts");
    }
  }

  @Test
  void failsFastWithTheChildsOutputWhenTheChildDies() {
    EmbeddedCassandra node = EmbeddedCassandra.builder()
        .dataDirectory(WORK.resolve("embedded-broken-test"))
        .heap("not-a-size")
        .build();

    long begin = System.nanoTime();
    assertThatThrownBy(node::start)
        .hasMessageContaining("exited with code")
        .hasMessageContaining("Invalid maximum heap size");
    // Well before the 120 s start-up timeout it would otherwise wait out.
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(90));
  }

  private static EmbeddedCassandra timedStart(EmbeddedCassandra node, String what) {
    long begin = System.nanoTime();
    node.start();
    long rss = ProcessHandle.of(node.pid()).map(EmbeddedCassandraTest::rssKb).orElse(-1L);
    System.out.printf("k2store: %s start took %d ms; child RSS %d MB%n",
        what, Duration.ofNanos(System.nanoTime() - begin).toMillis(), rss / 1024);
    return node;
  }

  private static long rssKb(ProcessHandle process) {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /** Generous timeouts: on a loaded 2-core machine a schema change can take well over the driver's 2 s default. */
  private static CqlSession session(EmbeddedCassandra node) {
    return CqlSession.builder()
        .addContactPoint(node.contactPoint())
        .withLocalDatacenter(node.localDatacenter())
        .withConfigLoader(com.datastax.oss.driver.api.core.config.DriverConfigLoader.programmaticBuilder()
            .withDuration(com.datastax.oss.driver.api.core.config.DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
            .withDuration(com.datastax.oss.driver.api.core.config.DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                Duration.ofSeconds(60))
            .build())
        .build();
  }
}
