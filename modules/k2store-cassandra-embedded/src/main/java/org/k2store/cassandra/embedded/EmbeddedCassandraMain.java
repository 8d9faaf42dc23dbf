package org.k2store.cassandra.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one node in the foreground until Ctrl-C, with the standard ports by default.
 *
 * <pre>
 * EmbeddedCassandraMain [--data-dir=./data/cassandra] [--listen-address=127.0.0.1]
 *     [--native-port=9042] [--storage-port=7000] [--jmx-port=7199] [--heap=512m]
 *     [--cluster-name=k2store] [--seeds=host:port,...]
 * </pre>
 */
public final class EmbeddedCassandraMain {
  private EmbeddedCassandraMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = parse(args);
    if (options.containsKey("help")) {
      System.out.println("options: --data-dir= --listen-address= --native-port= --storage-port="
          + " --jmx-port= --heap= --cluster-name= --seeds=host:port,...");
      return;
    }
    EmbeddedCassandra.Builder builder = EmbeddedCassandra.builder()
        .dataDirectory(Path.of(options.getOrDefault("data-dir", "data/cassandra")))
        .listenAddress(options.getOrDefault("listen-address", "127.0.0.1"))
        .nativePort(Integer.parseInt(options.getOrDefault("native-port", "9042")))
        .storagePort(Integer.parseInt(options.getOrDefault("storage-port", "7000")))
        .jmxPort(Integer.parseInt(options.getOrDefault("jmx-port", "7199")))
        .heap(options.getOrDefault("heap", "512m"))
        .clusterName(options.getOrDefault("cluster-name", "k2store"));
    if (options.containsKey("seeds")) {
      builder.seeds(options.get("seeds").split(","));
    }
    EmbeddedCassandra node = builder.build().start(); // its shutdown hook stops it on Ctrl-C
    System.out.printf("Cassandra %s ready: contact point %s:%d, local datacenter %s, data in %s,"
            + " log %s. Ctrl-C stops it.%n",
        node.releaseVersion(), node.contactPoint().getHostString(), node.nativePort(),
        node.localDatacenter(), node.dataDirectory(), node.systemLog());
    int exitCode = node.awaitExit();
    node.close();
    System.exit(exitCode == 0 ? 0 : 1);
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      int eq = arg.indexOf('=');
      options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
    }
    return options;
  }
}
