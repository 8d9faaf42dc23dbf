package org.k2store.cassandra.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything that distinguishes one embedded node from another. Kept as plain data so the
 * cassandra.yaml writer and the command-line builder can be tested without starting anything.
 * A port of 0 means "pick a free one at start"; empty {@code seeds} means "this node only".
 */
record NodeSettings(
    Path dataDirectory,
    String clusterName,
    String listenAddress,
    int nativePort,
    int storagePort,
    int jmxPort,
    List<String> seeds,
    String heap,
    Path javaHome,
    Duration startupTimeout,
    boolean unsafeSystem,
    boolean deleteExistingData,
    List<String> extraJvmOptions) {

  NodeSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(heap, "heap");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    seeds = List.copyOf(seeds);
    extraJvmOptions = List.copyOf(extraJvmOptions);
    checkPort(nativePort, "nativePort");
    checkPort(storagePort, "storagePort");
    checkPort(jmxPort, "jmxPort");
  }

  private static void checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " out of range: " + port);
    }
  }

  /** The seeds Cassandra is given: the configured ones, or this node itself. */
  List<String> effectiveSeeds() {
    return seeds.isEmpty() ? List.of(listenAddress + ":" + storagePort) : seeds;
  }

  /** A node that is its own only seed can skip the waits that exist for joining a ring. */
  boolean soleNode() {
    return effectiveSeeds().equals(List.of(listenAddress + ":" + storagePort));
  }

  NodeSettings withPorts(int nativePort, int storagePort, int jmxPort) {
    return new NodeSettings(dataDirectory, clusterName, listenAddress, nativePort, storagePort, jmxPort,
        seeds, heap, javaHome, startupTimeout, unsafeSystem, deleteExistingData, extraJvmOptions);
  }
}
