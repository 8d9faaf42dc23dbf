package org.k2store.cassandra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several Cassandra nodes on one machine, one per loopback address (127.0.0.1, .2, .3, ...), each
 * with its own data directory and JMX port and the same storage and CQL ports, as a real cluster
 * would have. Nodes start one after another (Cassandra joins a ring one node at a time); any node
 * can be killed hard and restarted on its data, which is what fault tests need.
 */
public final class LocalCluster implements AutoCloseable {

  private final Path baseDirectory;
  private final int size;
  private final String heap;
  private final boolean deleteExistingData;
  private final EmbeddedCassandra[] nodes;
  private int storagePort;
  private int nativePort;

  public LocalCluster(Path baseDirectory, int size, String heap, boolean deleteExistingData) {
    if (size < 1 || size > 9) {
      throw new IllegalArgumentException("a local cluster has 1..9 nodes: " + size);
    }
    this.baseDirectory = baseDirectory;
    this.size = size;
    this.heap = heap;
    this.deleteExistingData = deleteExistingData;
    this.nodes = new EmbeddedCassandra[size];
  }

  /** Starts every node, the seed first; returns when all answer CQL. */
  public synchronized LocalCluster start() {
    storagePort = freePortOnAll();
    nativePort = freePortOnAll();
    for (int i = 0; i < size; i++) {
      nodes[i] = node(i, deleteExistingData).start();
    }
    return this;
  }

  /** The loopback address of node {@code i} (0-based). */
  public static String address(int i) {
    return "127.0.0." + (i + 1);
  }

  public int size() {
    return size;
  }

  public List<InetSocketAddress> contactPoints() {
    List<InetSocketAddress> points = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      points.add(new InetSocketAddress(address(i), nativePort));
    }
    return points;
  }

  public String localDatacenter() {
    return EmbeddedCassandra.LOCAL_DATACENTER;
  }

  public synchronized EmbeddedCassandra node(int i) {
    return nodes[i];
  }

  /** SIGKILL, as a crashed machine: no drain, no flush. */
  public synchronized void kill(int i) {
    EmbeddedCassandra node = nodes[i];
    ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroyForcibly);
    try {
      node.awaitExit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    node.close();
  }

  /** Starts node {@code i} again on its data (after {@link #kill} or {@link #stop}). */
  public synchronized EmbeddedCassandra restart(int i) {
    nodes[i] = node(i, false).start();
    return nodes[i];
  }

  public synchronized void stop(int i) {
    nodes[i].close();
  }

  private EmbeddedCassandra node(int i, boolean wipe) {
    EmbeddedCassandra.Builder builder = EmbeddedCassandra.builder();
    if (i > 0) {
      // A joining node waits ring_delay (30 s) to learn the ring; on loopback 5 s is plenty.
      builder.jvmOption("-Dcassandra.ring_delay_ms=5000");
    }
    return builder
        .dataDirectory(baseDirectory.resolve("node" + (i + 1)))
        .clusterName("k2store-local")
        .listenAddress(address(i))
        .storagePort(storagePort)
        .nativePort(nativePort)
        .seeds(address(0) + ":" + storagePort)
        .heap(heap)
        .startupTimeout(Duration.ofMinutes(4))
        .deleteExistingData(wipe)
        .build();
  }

  /** A port free on every node's address, so all nodes can share it as a real cluster does. */
  private int freePortOnAll() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address(0)))) {
        candidate = probe.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (freeOnAll(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no port free on all of 127.0.0.1.." + address(size - 1));
  }

  private boolean freeOnAll(int port) {
    for (int i = 0; i < size; i++) {
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(address(i)))) {
        probe.getLocalPort();
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void close() {
    for (int i = size - 1; i >= 0; i--) {
      if (nodes[i] != null) {
        nodes[i].close();
      }
    }
  }
}
