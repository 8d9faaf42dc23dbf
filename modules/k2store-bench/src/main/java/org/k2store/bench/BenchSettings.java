package org.k2store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.k2store.bench.target.ServerProcess;

/**
 * The benchmark's knobs, from {@code --name=value} arguments. The defaults are the documented run
 * (the JMH hot paths, ~2 minutes, then 10^4, 10^5 and 10^6 ops, about 16 minutes on 2 cores);
 * {@code --full} adds 10^7 ops (over an hour of loading here; the memory target sits it out); {@code --jmh-only} runs only the hot paths, {@code --skip-jmh}
 * only the workloads; {@code --ingest-only} only the ingest sweep (IngestSweep).
 */
public record BenchSettings(List<Long> tiers, List<String> targets, String cassandra, String keyspace, String heap, Path out, Path work,
        long seed, int minSize, int maxSize, int sectorSamples, int fullSamples, int boundedSamples, int startupSectors, int gossipRounds,
        int fetchSingles, int fetchBatches, double ingestSeconds, int ingestMib, int loadInFlight, Path serverJar, Path serverConfig,
        String serverHeap, boolean jmhOnly, boolean skipJmh, boolean ingestOnly, double callersSeconds) {

    public static final List<String> DEFAULT_TARGETS = List.of("cassandra", "cassandra-fanout1", "raw-driver", "http", "sqlite-hc06", "sqlite-hc07",
            "memory", "plain-one-table", "plain-same-rows", "http-lean");
    /** {@code --ingest-only}: the two ingest limits, the library, the service through its Java client and through the lean client. */
    public static final List<String> INGEST_TARGETS = List.of("plain-one-table", "plain-same-rows", "cassandra", "http", "http-lean");
    /** Seconds per case and target of {@code --ingest-only} when --ingest-seconds is not given: the sweep then takes about 5 minutes. */
    public static final double INGEST_ONLY_SECONDS = 8;
    public static final List<String> KNOWN_TARGETS = DEFAULT_TARGETS;
    public static final List<Long> DEFAULT_TIERS = List.of(10_000L, 100_000L, 1_000_000L);
    public static final List<Long> FULL_TIERS = List.of(10_000L, 100_000L, 1_000_000L, 10_000_000L);

    public BenchSettings {
        tiers = List.copyOf(tiers);
        targets = List.copyOf(targets);
        if (tiers.isEmpty() || tiers.stream().anyMatch(n -> n < 1000)) {
            throw new IllegalArgumentException("--tiers: each data set needs at least 1000 ops: " + tiers);
        }
        if (loadInFlight < 100) {
            throw new IllegalArgumentException("--load-in-flight must be at least 100 (one load batch)");
        }
        if (startupSectors < 1 || startupSectors > 64 || 512 % startupSectors != 0) {
            throw new IllegalArgumentException("--startup-sectors must divide 512 and be at most 64: " + startupSectors);
        }
        if (callersSeconds <= 0) {
            throw new IllegalArgumentException("--callers-seconds must be positive");
        }
        if (ingestSeconds <= 0 || ingestMib < 1) {
            throw new IllegalArgumentException("--ingest-seconds and --ingest-mib must be positive");
        }
        if (minSize < 1 || maxSize < minSize) {
            throw new IllegalArgumentException("--min-size/--max-size: bad sizes " + minSize + ".." + maxSize);
        }
        if (jmhOnly && skipJmh) {
            throw new IllegalArgumentException("--jmh-only and --skip-jmh exclude each other");
        }
        if (jmhOnly && ingestOnly) {
            throw new IllegalArgumentException("--jmh-only and --ingest-only exclude each other");
        }
        for (String target : targets) {
            if (!KNOWN_TARGETS.contains(target)) {
                throw new IllegalArgumentException("--targets: unknown target " + target);
            }
        }
    }

    public static BenchSettings parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("arguments are --name=value: " + arg);
            }
            int eq = arg.indexOf('=');
            given.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        Path module = Files.isDirectory(Path.of("modules", "k2store-bench")) ? Path.of("modules", "k2store-bench") : Path.of(".");
        List<Long> tiers = Boolean.parseBoolean(given.remove("full")) ? FULL_TIERS : DEFAULT_TIERS;
        String tierText = given.remove("tiers");
        if (tierText != null) {
            tiers = Arrays.stream(tierText.split(",")).map(t -> (long) Double.parseDouble(t.trim())).toList();
        }
        String targetText = given.remove("targets");
        boolean jmhOnly = Boolean.parseBoolean(take(given, "jmh-only", "false"));
        boolean skipJmh = Boolean.parseBoolean(take(given, "skip-jmh", "false"));
        boolean ingestOnly = Boolean.parseBoolean(take(given, "ingest-only", "false"));
        List<String> defaultTargets = ingestOnly ? INGEST_TARGETS : DEFAULT_TARGETS;
        BenchSettings settings = new BenchSettings(tiers, targetText == null ? defaultTargets : Arrays.asList(targetText.split(",")),
                given.remove("cassandra"), take(given, "keyspace", "k2store_bench"), take(given, "heap", "1g"),
                Path.of(take(given, "out", module.resolve("results").toString())), Path.of(take(given, "work", module.resolve("target").toString())),
                Long.parseLong(take(given, "seed", "42")), Integer.parseInt(take(given, "min-size", "512")),
                Integer.parseInt(take(given, "max-size", "2048")), Integer.parseInt(take(given, "sector-samples", "100")),
                Integer.parseInt(take(given, "full-samples", "20")), Integer.parseInt(take(given, "bounded-samples", "20")),
                Integer.parseInt(take(given, "startup-sectors", "16")), Integer.parseInt(take(given, "gossip-rounds", "3")),
                Integer.parseInt(take(given, "fetch-singles", "200")), Integer.parseInt(take(given, "fetch-batches", "5")),
                Double.parseDouble(take(given, "ingest-seconds", ingestOnly ? Double.toString(INGEST_ONLY_SECONDS) : "3")), Integer.parseInt(take(given, "ingest-mib", "96")),
                Integer.parseInt(take(given, "load-in-flight", "256")),
                Path.of(take(given, "server-jar", ServerProcess.defaultJarAndConfig().get(0).toString())),
                Path.of(take(given, "server-config", ServerProcess.defaultJarAndConfig().get(1).toString())), take(given, "server-heap", "256m"),
                jmhOnly, skipJmh || ingestOnly, ingestOnly, Double.parseDouble(take(given, "callers-seconds", "2")));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments: " + given.keySet() + "\n" + usage());
        }
        return settings;
    }

    private static String take(Map<String, String> given, String name, String fallback) {
        String value = given.remove(name);
        return value == null ? fallback : value;
    }

    public long largestTier() {
        return tiers.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** The settings as the results file records them. */
    public Map<String, String> describe() {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("tiers", tiers.toString());
        text.put("targets", targets.toString());
        text.put("cassandra", cassandra == null ? "embedded 5.0.7 node, heap " + heap + ", data under " + work.resolve("bench-cassandra") : cassandra);
        text.put("data", "envelope codec, suffix-le32 36-byte ids, locations uniform, created_at over the year before the run, sizes log-uniform "
                + minSize + ".." + maxSize + " B (random bytes), seed " + seed);
        text.put("samples", "sector " + sectorSamples + ", FULL " + fullSamples + ", bounded " + boundedSamples + ", start-up sectors "
                + startupSectors + " per target, gossip rounds " + gossipRounds + ", fetch " + fetchSingles + " x 1 id / " + fetchBatches
                + " x 1000 ids, small calls from 1, 8 and 64 callers " + callersSeconds + " s per case and target");
        text.put("ingest", "sweep: 512 B ops, batch 1 and 100, 1 and 16 writers (and 64 for http, http-lean), " + ingestSeconds
                + " s per case and target after a warm-up of " + Math.min(1.0, ingestSeconds / 4) + " s" + (ingestOnly ? " (--ingest-only)" : ""));
        text.put("service", "k2store-server.jar in its own JVM, -Xmx" + serverHeap + ", config " + serverConfig + " (settle window 0)");
        text.put("hot paths", skipJmh ? "skipped (--skip-jmh)" : "JMH first, see jmh.md");
        text.put("load", "arrival batches (10 min of ops, at most 100), at most " + loadInFlight + " ops in flight per store");
        return text;
    }

    public static String usage() {
        return """
                k2store-bench [--jmh-only (only the JMH hot paths: no Cassandra, ~2 min) | --skip-jmh (only the workloads)
                               | --ingest-only (only the ingest sweep: no JMH, no read tiers, ~5 min; results/ingest.md, ingest.json)]
                              [--full] [--tiers=1e4,1e5] [--targets=cassandra,cassandra-fanout1,raw-driver,http,sqlite-hc06,sqlite-hc07,memory,
                                         plain-one-table,plain-same-rows,http-lean]
                              [--cassandra=host:port (an existing node; default: start an embedded one)] [--keyspace=k2store_bench] [--heap=1g]
                              [--out=DIR (results)] [--work=DIR (SQLite files, Cassandra data)] [--seed=42] [--min-size=512] [--max-size=2048]
                              [--sector-samples=100] [--full-samples=20] [--bounded-samples=20] [--startup-sectors=16] [--gossip-rounds=3]
                              [--fetch-singles=200] [--fetch-batches=5] [--callers-seconds=2] [--ingest-seconds=3 (per case and target; 8 with --ingest-only)] [--ingest-mib=96] [--load-in-flight=256]
                              [--server-jar=modules/k2store-server/target/k2store-server.jar] [--server-config=config.yml] [--server-heap=256m]""";
    }
}
