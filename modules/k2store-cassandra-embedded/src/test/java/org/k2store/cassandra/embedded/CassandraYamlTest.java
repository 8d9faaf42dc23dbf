package org.k2store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraYamlTest {
  @TempDir
  Path dir;

  private NodeSettings settings(List<String> seeds) {
    return new NodeSettings(dir, "it's a test", "127.0.0.2", 9042, 7000, 7199, seeds, "512m", null,
        Duration.ofSeconds(5), false, false, List.of());
  }

  @Test
  void rendersAddressesPortsDirectoriesAndSeeds() {
    try (NodeDirectories dirs = NodeDirectories.lock(dir)) {
      String yaml = CassandraYaml.render(settings(List.of()), dirs);

      assertThat(yaml)
          .contains("cluster_name: 'it''s a test'")
          .contains("listen_address: 127.0.0.2", "rpc_address: 127.0.0.2")
          .contains("storage_port: 7000", "native_transport_port: 9042")
          .contains("- seeds: '127.0.0.2:7000'")
          .contains("commitlog_directory: '" + dir.toAbsolutePath().resolve("commitlog") + "'")
          .contains("auto_snapshot: false");
    }
  }

  @Test
  void memtablesGetAQuarterOfTheHeapAndNeverLessThan64MiB() {
    try (NodeDirectories dirs = NodeDirectories.lock(dir)) {
      assertThat(CassandraYaml.render(settings(List.of()), dirs))
          .contains("memtable_heap_space: 128MiB", "memtable_offheap_space: 128MiB");
    }
    assertThat(CassandraYaml.memtableMiB("1g")).isEqualTo(256);
    assertThat(CassandraYaml.memtableMiB("2048M")).isEqualTo(512);
    assertThat(CassandraYaml.memtableMiB("128m")).isEqualTo(64);
    assertThat(CassandraYaml.memtableMiB("4194304k")).isEqualTo(1024);
    assertThat(CassandraYaml.memtableMiB("not-a-size")).as("left for the child JVM to refuse").isEqualTo(64);
  }

  @Test
  void aNodeWithOtherSeedsIsNotASoleNode() {
    assertThat(settings(List.of()).soleNode()).isTrue();
    assertThat(settings(List.of("127.0.0.1:7000")).soleNode()).isFalse();
  }

  @Test
  void aSecondLockOnTheSameDirectoryFails() {
    try (NodeDirectories first = NodeDirectories.lock(dir)) {
      assertThat(first.root()).isEqualTo(dir.toAbsolutePath());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> NodeDirectories.lock(dir))
          .isInstanceOf(DataDirectoryInUseException.class);
    }
    NodeDirectories.lock(dir).close(); // released
  }
}
