package org.k2store.cassandra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.k2store.cassandra.embedded.child.ChildMain;

/**
 * One Apache Cassandra node running as a child JVM, for tests and for a server with no cluster
 * configured. Cassandra never shares the caller's classpath (see {@link CassandraClasspath}).
 *
 * <pre>{@code
 * try (EmbeddedCassandra node = EmbeddedCassandra.builder().dataDirectory(dir).build().start()) {
 *   CqlSession.builder().addContactPoint(node.contactPoint())
 *       .withLocalDatacenter(node.localDatacenter()).build();
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns once a CQL query succeeds, and fails fast, with the end of the
 * child's log, if the child dies first. {@link #close()} stops the child with SIGTERM (Cassandra
 * drains), then kills it if it lingers. A shutdown hook does the same if the caller's JVM exits,
 * and the child exits by itself if the caller's JVM disappears without running hooks.
 */
public final class EmbeddedCassandra implements AutoCloseable {
  /** SimpleSnitch puts every node in this data centre. */
  public static final String LOCAL_DATACENTER = "datacenter1";

  private static final System.Logger LOG = System.getLogger(EmbeddedCassandra.class.getName());
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);
  private static final int TAIL_LINES = 40;

  private final NodeSettings configured;
  private NodeSettings running;
  private NodeDirectories dirs;
  private Process process;
  private Thread shutdownHook;
  private String releaseVersion;
  private long portOpenMillis = -1;
  private boolean started;

  private EmbeddedCassandra(NodeSettings configured) {
    this.configured = configured;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Launches the node and waits until it answers CQL. A node starts at most once. */
  public synchronized EmbeddedCassandra start() {
    if (started) {
      throw new IllegalStateException("already started; build a new EmbeddedCassandra to restart");
    }
    started = true;
    long begin = System.nanoTime();
    dirs = NodeDirectories.lock(configured.dataDirectory());
    try {
      if (configured.deleteExistingData()) {
        dirs.deleteContents();
      }
      dirs.createAll();
      running = FreePorts.resolve(configured);
      CassandraClasspath classpath = CassandraClasspath.load();
      writeConfiguration(running, dirs);
      List<String> command = ChildJvmCommand.build(
          JavaRuntime.javaExecutable(running.javaHome()), classpath, running, dirs);
      long logOffset = LogTail.size(dirs.systemLog());
      launch(command);
      LOG.log(Level.INFO, "Starting Cassandra {0} (pid {1}) on {2}, data in {3}",
          classpath.cassandraVersion(), process.pid(), contactPoint(), dirs.root());
      releaseVersion = awaitReady(logOffset, begin);
      LOG.log(Level.INFO, "Cassandra {0} ready on {1} after {2} ms (CQL port open after {3} ms)",
          releaseVersion, contactPoint(), millisSince(begin), portOpenMillis);
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private static void writeConfiguration(NodeSettings node, NodeDirectories dirs) {
    try {
      Files.writeString(dirs.conf().resolve("cassandra.yaml"), CassandraYaml.render(node, dirs));
      try (InputStream logback = resource("logback-child.xml")) {
        Files.write(dirs.conf().resolve("logback.xml"), logback.readAllBytes());
      }
      String childClass = ChildMain.class.getName().replace('.', '/') + ".class";
      Path target = dirs.bootstrapClasses().resolve(childClass);
      Files.createDirectories(target.getParent());
      try (InputStream bytes = resource("/" + childClass)) {
        Files.write(target, bytes.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the configuration under " + dirs.conf(), e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = EmbeddedCassandra.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return in;
  }

  private void launch(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dirs.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(dirs.consoleLog().toFile());
    // stdin stays a pipe: ChildMain exits when it closes. Options meant for the caller's JVM
    // (debug agents, IDE settings) must not reach the child.
    Map<String, String> env = builder.environment();
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("JDK_JAVA_OPTIONS");
    env.remove("_JAVA_OPTIONS");
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
    Process child = process;
    shutdownHook = new Thread(() -> stop(child), "k2store-embedded-cassandra-stop-" + child.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private static long millisSince(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
  }

  private String awaitReady(long logOffset, long begin) {
    long deadline = System.nanoTime() + running.startupTimeout().toNanos();
    RuntimeException lastFailure = null;
    while (true) {
      if (!process.isAlive()) {
        throw startFailure("Cassandra exited with code " + process.exitValue() + " during start-up",
            logOffset, lastFailure);
      }
      if (System.nanoTime() > deadline) {
        throw startFailure("Cassandra not ready within " + running.startupTimeout(), logOffset, lastFailure);
      }
      if (CqlProbe.accepts(contactPoint())) {
        if (portOpenMillis < 0) {
          portOpenMillis = millisSince(begin);
        }
        try {
          return CqlProbe.releaseVersion(contactPoint(), LOCAL_DATACENTER);
        } catch (RuntimeException e) {
          lastFailure = e;
        }
      }
      try {
        process.waitFor(250, TimeUnit.MILLISECONDS); // returns at once if the child dies
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Cassandra", e);
      }
    }
  }

  private IllegalStateException startFailure(String what, long logOffset, RuntimeException cause) {
    String message = what + "\n--- " + dirs.systemLog() + " (end) ---\n"
        + LogTail.lastLines(dirs.systemLog(), logOffset, TAIL_LINES)
        + "\n--- " + dirs.consoleLog() + " (end) ---\n"
        + LogTail.lastLines(dirs.consoleLog(), 0, TAIL_LINES);
    return new IllegalStateException(message, cause);
  }

  /** Where clients connect: the listen address and the CQL port. */
  public InetSocketAddress contactPoint() {
    return new InetSocketAddress(runningSettings().listenAddress(), runningSettings().nativePort());
  }

  public String localDatacenter() {
    return LOCAL_DATACENTER;
  }

  public int nativePort() {
    return runningSettings().nativePort();
  }

  public int storagePort() {
    return runningSettings().storagePort();
  }

  public int jmxPort() {
    return runningSettings().jmxPort();
  }

  /** As reported by the node, e.g. 5.0.7. */
  public synchronized String releaseVersion() {
    return releaseVersion;
  }

  public Path dataDirectory() {
    return configured.dataDirectory().toAbsolutePath().normalize();
  }

  /** Cassandra's own log (the child logs to this file, not to the console). */
  public Path systemLog() {
    return dataDirectory().resolve("logs").resolve("system.log");
  }

  /**
   * Runs Cassandra's own nodetool against this node (over its local JMX port) and returns what it
   * printed: flush, tablestats, tablehistograms... for measurements no CQL query gives.
   */
  public String nodetool(String... args) {
    NodeSettings node = runningSettings();
    List<String> command = new ArrayList<>(List.of(
        JavaRuntime.javaExecutable(node.javaHome()).toString(), "-Xmx128m"));
    command.addAll(ChildJvmCommand.JPMS_OPTIONS); // nodetool loads the same internals as the server
    command.addAll(List.of("-cp", CassandraClasspath.load().asClasspath(), "org.apache.cassandra.tools.NodeTool",
        "-h", "127.0.0.1", "-p", Integer.toString(node.jmxPort())));
    command.addAll(Arrays.asList(args));
    try {
      Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(tool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!tool.waitFor(5, TimeUnit.MINUTES) || tool.exitValue() != 0) {
        throw new IllegalStateException("nodetool " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run nodetool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while nodetool ran", e);
    }
  }

  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("not started");
    }
    return process.pid();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Blocks until the child exits (for a foreground launcher) and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    Process child;
    synchronized (this) {
      if (process == null) {
        throw new IllegalStateException("not started");
      }
      child = process;
    }
    return child.waitFor();
  }

  private synchronized NodeSettings runningSettings() {
    if (running == null) {
      throw new IllegalStateException("not started");
    }
    return running;
  }

  /** Stops the node and releases its data directory. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (process != null) {
      stop(process);
      if (shutdownHook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down; the hook stops the (already stopped) child again
        }
        shutdownHook = null;
      }
    }
    if (dirs != null) {
      dirs.close();
      dirs = null;
    }
  }

  private static void stop(Process child) {
    if (!child.isAlive()) {
      return;
    }
    child.destroy(); // SIGTERM: Cassandra's shutdown hook drains and flushes
    try {
      if (!child.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "Cassandra (pid {0}) did not stop within {1}; killing it", child.pid(), STOP_GRACE);
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Settings for one node. Ports left at 0 are chosen free at start. */
  public static final class Builder {
    private Path dataDirectory;
    private String clusterName = "k2store";
    private String listenAddress = "127.0.0.1";
    private int nativePort;
    private int storagePort;
    private int jmxPort;
    private List<String> seeds = List.of();
    private String heap = "512m";
    private Path javaHome;
    private Duration startupTimeout = Duration.ofSeconds(120);
    private boolean unsafeSystem;
    private boolean deleteExistingData;
    private final List<String> extraJvmOptions = new ArrayList<>();

    private Builder() {}

    /** Required. Holds data, commit log, generated configuration and logs; reused across starts. */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    public Builder clusterName(String clusterName) {
      this.clusterName = clusterName;
      return this;
    }

    /** Listen and RPC address; 127.0.0.2, 127.0.0.3, ... give several nodes on one machine. */
    public Builder listenAddress(String listenAddress) {
      this.listenAddress = listenAddress;
      return this;
    }

    /** CQL port; 0 (default) picks a free one. */
    public Builder nativePort(int nativePort) {
      this.nativePort = nativePort;
      return this;
    }

    /** Inter-node port; 0 (default) picks a free one. */
    public Builder storagePort(int storagePort) {
      this.storagePort = storagePort;
      return this;
    }

    /** Local JMX port (nodetool); 0 (default) picks a free one. Must differ per node on a host. */
    public Builder jmxPort(int jmxPort) {
      this.jmxPort = jmxPort;
      return this;
    }

    /** Seeds as host:storagePort; default is this node alone. */
    public Builder seeds(String... seeds) {
      this.seeds = List.copyOf(Arrays.asList(seeds));
      return this;
    }

    public Builder seeds(List<String> seeds) {
      this.seeds = List.copyOf(seeds);
      return this;
    }

    /** Maximum heap of the child, as for -Xmx (default 512m). */
    public Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    /** JDK 17 home for the child; default: see {@code K2STORE_CASSANDRA_JAVA} and the running JVM. */
    public Builder javaHome(Path javaHome) {
      this.javaHome = javaHome;
      return this;
    }

    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    /** Skip flushing system tables on schema changes: far faster DDL, for throw-away nodes. */
    public Builder unsafeSystem(boolean unsafeSystem) {
      this.unsafeSystem = unsafeSystem;
      return this;
    }

    /** Empty the data directory before starting, for a blank node. */
    public Builder deleteExistingData(boolean deleteExistingData) {
      this.deleteExistingData = deleteExistingData;
      return this;
    }

    /** Appended to the child's JVM options (after the defaults, so it can override them). */
    public Builder jvmOption(String option) {
      this.extraJvmOptions.add(option);
      return this;
    }

    public EmbeddedCassandra build() {
      if (dataDirectory == null) {
        throw new IllegalStateException("dataDirectory is required");
      }
      return new EmbeddedCassandra(new NodeSettings(dataDirectory, clusterName, listenAddress,
          nativePort, storagePort, jmxPort, seeds, heap, javaHome, startupTimeout, unsafeSystem,
          deleteExistingData, extraJvmOptions));
    }
  }
}
