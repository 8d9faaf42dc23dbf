package org.k2store.cassandra.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders cassandra.yaml (the jar ships none). Settings are for a small development or test node:
 * little memory and few threads, and no snapshots on DROP/TRUNCATE so test clean-up is quick.
 */
final class CassandraYaml {
  private CassandraYaml() {}

  static String render(NodeSettings node, NodeDirectories dirs) {
    String seeds = node.effectiveSeeds().stream().collect(Collectors.joining(","));
    return String.join("\n",
        "# Written by k2store-cassandra-embedded at every start; edits are lost.",
        "cluster_name: " + quote(node.clusterName()),
        "num_tokens: 16",
        "allocate_tokens_for_local_replication_factor: 3",
        "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
        "endpoint_snitch: SimpleSnitch",
        "",
        "data_file_directories:",
        "  - " + quote(dirs.data()),
        "commitlog_directory: " + quote(dirs.commitLog()),
        "saved_caches_directory: " + quote(dirs.savedCaches()),
        "hints_directory: " + quote(dirs.hints()),
        "cdc_raw_directory: " + quote(dirs.cdcRaw()),
        "commitlog_sync: periodic",
        "commitlog_sync_period: 10000ms",
        "",
        "seed_provider:",
        "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
        "    parameters:",
        "      - seeds: " + quote(seeds),
        "listen_address: " + node.listenAddress(),
        "rpc_address: " + node.listenAddress(),
        "storage_port: " + node.storagePort(),
        "native_transport_port: " + node.nativePort(),
        "start_native_transport: true",
        "",
        "# Small footprint.",
        "concurrent_reads: 8",
        "concurrent_writes: 8",
        "concurrent_counter_writes: 4",
        "concurrent_materialized_view_writes: 2",
        "concurrent_compactors: 1",
        "compaction_throughput: 0MiB/s",
        "memtable_flush_writers: 1",
        // A quarter of the heap, Cassandra's own default: smaller memtables flush every few seconds
        // under ingest, and the flushes and the compactions of their many small sstables then take
        // the cores the writes need.
        "memtable_heap_space: " + memtableMiB(node.heap()) + "MiB",
        "memtable_offheap_space: " + memtableMiB(node.heap()) + "MiB",
        "file_cache_size: 32MiB",
        "key_cache_size: 8MiB",
        "counter_cache_size: 4MiB",
        "index_summary_capacity: 8MiB",
        "native_transport_max_threads: 32",
        "",
        "# Quick DROP and TRUNCATE: no snapshots.",
        "auto_snapshot: false",
        "snapshot_before_compaction: false",
        "incremental_backups: false",
        "");
  }

  private static final Pattern HEAP_SIZE = Pattern.compile("(\\d{1,12})([kKmMgG]?)");

  /**
   * A quarter of an -Xmx size ("512m", "1g", "2048k"), at least 64 MiB. A size that does not parse
   * gets 64 MiB: the child JVM then refuses the -Xmx itself, with its own message.
   */
  static long memtableMiB(String heap) {
    Matcher size = HEAP_SIZE.matcher(heap.trim());
    if (!size.matches()) {
      return 64;
    }
    long number = Long.parseLong(size.group(1));
    long mib = switch (size.group(2).toLowerCase(Locale.ROOT)) {
      case "g" -> number * 1024;
      case "m" -> number;
      case "k" -> number / 1024;
      default -> number / (1024 * 1024);
    };
    return Math.max(64, mib / 4);
  }

  /** YAML single-quoted scalar: only the quote itself needs escaping. */
  static String quote(Object value) {
    return "'" + String.valueOf(value).replace("'", "''") + "'";
  }

  static String quote(Path path) {
    return quote((Object) path.toAbsolutePath().toString());
  }
}
