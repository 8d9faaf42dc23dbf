package org.k2store.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.k2store.api.MicrosClock;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.MemoryOps;
import org.k2store.cassandra.CassandraOpStore;
import org.k2store.cassandra.CassandraOpStores;
import org.k2store.cassandra.CassandraStoreConfig;
import org.k2store.cassandra.Sessions;
import org.k2store.cassandra.SpaceHandle;
import org.k2store.cassandra.embedded.EmbeddedCassandra;

/**
 * Measures, on a real node, the partition sizes a stated ingest rate produces. At {@code rate}
 * ops/s spread over the ring, one 128 h window holds rate x 460,800 ops: a fine partition (one of
 * 512 sectors) gets 1/512 of them and a coarse one (1/16 of the ring) 1/16. This stores exactly
 * the ops one coarse partition receives in one window at that rate (its 32 sectors, hence also 32
 * full fine partitions), flushes and compacts, and reads the sizes Cassandra itself reports
 * (nodetool tablestats and tablehistograms).
 *
 *   java -cp modules/k2store-bench/target/k2store-bench.jar org.k2store.bench.PartitionSizes [rate] [opBytes]
 */
public final class PartitionSizes {

    private static final long WINDOW_MICROS = 460_800L * 1_000_000L;
    private static final long SLICE_INDEX = 3870; // a 2026 slice

    private PartitionSizes() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int opBytes = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        long perWindow = Math.round(rate * 460_800);
        int coarseOps = (int) (perWindow / 16);
        int fineOps = coarseOps / 32;
        Path work = Files.createTempDirectory("k2store-partition-sizes");
        EmbeddedCassandra node = EmbeddedCassandra.builder().dataDirectory(work).deleteExistingData(true).heap("1g").build().start();
        try {
            CassandraStoreConfig config = new CassandraStoreConfig().setKeyspace("k2store_sizes").setRequestTimeout(Duration.ofSeconds(30));
            try (CqlSession session = Sessions.open(config, List.of(node.contactPoint())).toCompletableFuture().get()) {
                CassandraOpStores stores = CassandraOpStores.open(session, config);
                SpaceHandle space = stores.createSpace("sizes", SpaceSettings.KITSUNE2_MEMORY).get();
                CassandraOpStore store = stores.store(space, MicrosClock.system(), SettleWindow.NONE);
                long began = System.nanoTime();
                load(store, coarseOps, opBytes);
                double seconds = (System.nanoTime() - began) / 1e9;
                System.out.printf("stored %,d ops of %d B in %.0f s (%.0f ops/s)%n", coarseOps, opBytes, seconds, coarseOps / seconds);
                stores.close();
            }
            node.nodetool("flush", "k2store_sizes");
            node.nodetool("compact", "k2store_sizes");
            String stats = node.nodetool("tablestats", "k2store_sizes");
            Map<String, Map<String, Long>> tables = parseTablestats(stats);
            StringBuilder report = new StringBuilder();
            report.append(String.format("# Partition sizes at %s ops/s (ops of %d B), measured%n%n", fmt(rate), opBytes));
            report.append(String.format("One 128 h window at %s ops/s over the ring: %,d ops; one coarse partition (1/16 of the ring) "
                    + "gets %,d, one fine partition (1 of 512 sectors) %,d. Stored: %,d ops into 32 sectors of one window, "
                    + "flushed and compacted; sizes as Cassandra %s reports them (nodetool tablestats).%n%n",
                    fmt(rate), perWindow, coarseOps, fineOps, coarseOps, node.releaseVersion()));
            report.append("| table | partitions | largest partition | mean partition | live bytes |\n|---|---:|---:|---:|---:|\n");
            for (Map.Entry<String, Map<String, Long>> table : tables.entrySet()) {
                Map<String, Long> t = table.getValue();
                report.append(String.format("| %s | %,d | %s | %s | %s |%n", table.getKey(), t.getOrDefault("partitions", 0L),
                        bytes(t.getOrDefault("max", 0L)), bytes(t.getOrDefault("mean", 0L)), bytes(t.getOrDefault("live", 0L))));
            }
            String histograms = node.nodetool("tablehistograms", "k2store_sizes", "ops_by_created")
                    + node.nodetool("tablehistograms", "k2store_sizes", "ops_by_stored");
            // nodetool's own client logs at DEBUG to stdout; keep only its tables.
            String tablesOnly = histograms.lines().filter(line -> !line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d+ \\[.*"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            report.append("\n```\n").append(tablesOnly.strip()).append("\n```\n");
            Map<String, Long> created = tables.getOrDefault("ops_by_created", Map.of());
            long coarseBytes = created.getOrDefault("max", 0L);
            report.append(String.format("%nops_by_created: the coarse partition (%,d rows) measures %s, %.0f B per row; a fine partition "
                    + "(%,d rows) is then about %s. At 10x the rate both are 10x larger (rows per partition grow linearly).%n",
                    coarseOps, bytes(coarseBytes), coarseBytes / (double) coarseOps, fineOps,
                    bytes(Math.round(coarseBytes / (double) coarseOps * fineOps))));
            System.out.println(report);
            Path out = Path.of(args.length > 2 ? args[2] : "modules/k2store-bench/results/partition-sizes.md");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toString());
            System.out.println("written to " + out);
        } finally {
            node.close();
            deleteQuietly(work);
        }
    }

    /** The ops one coarse partition gets in one window: sectors 0..31, created evenly over the window. */
    private static void load(CassandraOpStore store, int count, int opBytes) throws Exception {
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long windowStart = SLICE_INDEX * WINDOW_MICROS;
        int batchSize = 200;
        for (int from = 0; from < count; from += batchSize) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + batchSize); i++) {
                int sector = i % 32;
                int location = (sector << 23) | (int) ((i * 2_654_435_761L) & 0x7F_FFFF);
                long createdAt = windowStart + (long) i * (WINDOW_MICROS / count);
                batch.add(MemoryOps.encode(createdAt, MemoryOps.payloadAt(location, opBytes, i)));
            }
            inFlight.acquire();
            pending.add(store.processIncomingOps(batch).whenComplete((ids, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get();
    }

    private static final Pattern TABLE = Pattern.compile("^\\s*Table: (\\S+)");
    private static final Pattern FIELD = Pattern.compile("^\\s*(Number of partitions \\(estimate\\)|Compacted partition maximum bytes"
            + "|Compacted partition mean bytes|Space used \\(live\\)): (\\d+)");

    static Map<String, Map<String, Long>> parseTablestats(String text) {
        Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
        Map<String, Long> current = null;
        for (String line : text.split("\n")) {
            Matcher table = TABLE.matcher(line);
            if (table.find()) {
                current = new LinkedHashMap<>();
                tables.put(table.group(1), current);
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (current != null && field.find()) {
                String key = switch (field.group(1)) {
                    case "Number of partitions (estimate)" -> "partitions";
                    case "Compacted partition maximum bytes" -> "max";
                    case "Compacted partition mean bytes" -> "mean";
                    default -> "live";
                };
                current.put(key, Long.parseLong(field.group(2)));
            }
        }
        return tables;
    }

    private static String bytes(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format("%.1f MiB", bytes / 1048576.0);
        }
        if (bytes >= 1 << 10) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
