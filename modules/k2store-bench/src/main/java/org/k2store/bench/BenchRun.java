package org.k2store.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.k2store.api.Base64Url;
import org.k2store.api.OpStore;
import org.k2store.bench.data.Dataset;
import org.k2store.bench.data.GeneratedOp;
import org.k2store.bench.report.MachineInfo;
import org.k2store.bench.report.Progress;
import org.k2store.bench.report.ResultRow;
import org.k2store.bench.report.Results;
import org.k2store.bench.sqlite.SqliteOpStore;
import org.k2store.bench.workload.CallersSweep;
import org.k2store.bench.workload.FetchWorkload;
import org.k2store.bench.target.HttpTarget;
import org.k2store.bench.workload.GossipRound;
import org.k2store.bench.workload.IngestSweep;
import org.k2store.bench.workload.SliceQueries;
import org.k2store.bench.workload.ServerHeapProbe;
import org.k2store.bench.workload.StartupReplay;

/**
 * One benchmark run: for each data size, load the same year of ops into every loading target, then
 * run the read workloads on every target (slices and bounded pages at every size; start-up replay at
 * every size; gossip and fetch at the largest), and finally the ingest sweep into fresh spaces
 * ({@link #runIngestOnly()}: only that sweep).
 */
public final class BenchRun {

    static final long YEAR = 365L * 24 * 3600 * 1_000_000;
    /** The longest wait for the background sealer after loading: its quiet spell (30 s) and one scan per partition. */
    private static final Duration SEAL_WAIT = Duration.ofMinutes(5);
    /** The longest wait for the node to settle before one ingest case: a cap, so a node that never settles cannot stall the run. */
    private static final Duration CASE_QUIET = Duration.ofSeconds(20);

    private final BenchSettings settings;
    private final Progress progress;

    public BenchRun(BenchSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Results run() {
        Results results = new Results(MachineInfo.describe(), settings.describe());
        Instant started = Instant.now();
        results.run("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
        String runId = Long.toString(started.getEpochSecond(), 36);
        long anchor = started.toEpochMilli() / 60_000 * 60_000_000L;
        try (CassandraNode node = CassandraNode.start(settings, progress); Targets targets = new Targets(settings, node)) {
            results.run("cassandra", node.description());
            targets.all().forEach(t -> results.target(t.name(), t.description()));
            BenchClock clock = new BenchClock();
            // The ingest limits and the lean client only ingest: no data sets, no read workloads.
            List<BenchTarget> readers = targets.all().stream().filter(t -> !t.ingestOnly()).toList();
            for (long size : settings.tiers()) {
                Dataset data = new Dataset(settings.seed(), size, anchor - YEAR, YEAR, settings.minSize(), settings.maxSize());
                List<BenchTarget> fitting = readers.stream().filter(t -> size <= t.maxStoredOps()).toList();
                Tier tier = load(fitting, data, spaceName(runId, Tier.label(size)), clock);
                backgroundSeals(targets);
                quiet(node);
                try {
                    results.addAll(measure(tier, size == settings.largestTier(), results));
                } finally {
                    tier.stores().forEach(BenchTarget::release);
                }
            }
            quiet(node);
            ingest(node, targets.all(), runId, clock, results);
        }
        Duration took = Duration.between(started, Instant.now());
        results.run("duration", String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart()));
        progress.say("done in " + results.run().get("duration"));
        return results;
    }

    /** Space names are canonical base64url, so the service (which takes space ids in that form) finds the same space. */
    static String spaceName(String runId, String what) {
        return Base64Url.encode(("k2store-bench " + runId + " " + what).getBytes(StandardCharsets.UTF_8));
    }

    private void quiet(CassandraNode node) {
        quiet(node, Duration.ofSeconds(90));
    }

    /** A year of data is read long after it was stored: by then k2store's background sealer has sealed it. */
    private void backgroundSeals(Targets targets) {
        long started = System.nanoTime();
        boolean done = targets.awaitBackgroundSeals(SEAL_WAIT);
        progress.say(String.format(Locale.ROOT, "%s %.0f s for k2store's background seals of the loaded data",
                done ? "waited" : "gave up after", (System.nanoTime() - started) / 1e9));
    }

    private void quiet(CassandraNode node, Duration limit) {
        double waited = node.awaitQuiet(limit);
        if (waited >= 1) {
            progress.say(String.format(Locale.ROOT, "waited %.0f s for Cassandra's flushes and compactions", waited));
        }
    }

    private Tier load(List<BenchTarget> targets, Dataset data, String space, BenchClock clock) {
        Map<String, OpStore> loading = new LinkedHashMap<>();
        Map<BenchTarget, OpStore> stores = new LinkedHashMap<>();
        for (BenchTarget target : targets) {
            if (target.readsDataOf().isEmpty()) {
                OpStore store = target.create(space, Dataset.SETTINGS, clock);
                loading.put(target.name(), store);
                stores.put(target, store);
            }
        }
        new Loader(clock, progress, settings.loadInFlight()).load(Tier.label(data.count()) + " ops", data, loading);
        Map<BenchTarget, OpStore> ordered = new LinkedHashMap<>();
        for (BenchTarget target : targets) {
            ordered.put(target, stores.containsKey(target) ? stores.get(target) : target.attach(space, Dataset.SETTINGS, clock));
        }
        return new Tier(data, ordered);
    }

    private List<ResultRow> measure(Tier tier, boolean largest, Results results) {
        List<ResultRow> rows = new ArrayList<>();
        String label = Tier.label(tier.storedOps());
        progress.say(label + ": slices and bounded pages, every target interleaved");
        report(rows, () -> new SliceQueries(settings.sectorSamples(), settings.fullSamples(), settings.boundedSamples(), settings.seed())
                .run(tier, rows));
        progress.say(label + ": start-up replay, " + settings.startupSectors() + " sectors per target");
        Set<Integer> startupSectors = new HashSet<>();
        report(rows, () -> startupSectors.addAll(new StartupReplay(settings.startupSectors()).run(tier, rows)));
        if (largest) {
            tier.stores().forEach((target, store) -> {
                if (target.readsDataOf().isEmpty()) {
                    progress.say(label + ": storing a year of slice hashes in every other sector of " + target.name());
                    GossipRound.prepareSliceHashes(tier, store, startupSectors, 64);
                }
                if (store instanceof SqliteOpStore sqlite) {
                    Futures.join(sqlite.queryPlans()).forEach((query, plan) -> results.note(target.name() + " plan " + query, plan));
                }
            });
            progress.say(label + ": gossip rounds");
            report(rows, () -> new GossipRound(settings.gossipRounds()).run(tier, rows));
            progress.say(label + ": fetch");
            report(rows, () -> new FetchWorkload(tier, settings.fetchSingles(), settings.fetchBatches(), settings.seed()).run(tier, rows));
            progress.say(label + ": small calls from " + CallersSweep.CALLERS + " callers, " + settings.callersSeconds() + " s each");
            report(rows, () -> new CallersSweep(tier, settings.callersSeconds(), settings.seed()).run(tier, rows));
            tier.stores().forEach((target, store) -> {
                if (target instanceof HttpTarget http) {
                    progress.say(label + ": the service's heap while it streams every op as one time slice");
                    report(rows, () -> rows.add(ServerHeapProbe.run(tier, store, http.server(), target.name())));
                }
            });
        }
        return rows;
    }

    /**
     * The ingest sweep (IngestSweep) on every target that ingests, each into a fresh space of its own
     * (named after the run and the target, so no target finds another's ops already stored).
     */
    private void ingest(CassandraNode node, List<BenchTarget> targets, String runId, BenchClock clock, Results results) {
        Map<BenchTarget, OpStore> stores = new LinkedHashMap<>();
        for (BenchTarget target : targets) {
            if (target.workloads().contains(Workload.INGEST)) {
                stores.put(target, target.create(spaceName(runId, "ingest " + target.name()), Dataset.SETTINGS, clock));
            }
        }
        progress.say("ingest sweep: " + String.join(", ", stores.keySet().stream().map(BenchTarget::name).toList()) + "; "
                + settings.ingestSeconds() + " s per case and target");
        try {
            results.addIngest(new IngestSweep(settings.ingestSeconds(), settings.seed(), progress, () -> quiet(node, CASE_QUIET)).run(stores, clock.nowMicros()));
        } finally {
            stores.forEach(BenchTarget::release);
        }
    }

    /** {@code --ingest-only}: the node, the targets, the ingest sweep; no JMH, no data sets, no read workloads. */
    public Results runIngestOnly() {
        Results results = new Results(MachineInfo.describe(), settings.describe());
        Instant started = Instant.now();
        results.run("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
        results.run("mode", "--ingest-only");
        String runId = Long.toString(started.getEpochSecond(), 36);
        try (CassandraNode node = CassandraNode.start(settings, progress); Targets targets = new Targets(settings, node)) {
            results.run("cassandra", node.description());
            targets.all().forEach(t -> results.target(t.name(), t.description()));
            ingest(node, targets.all(), runId, new BenchClock(), results);
        }
        Duration took = Duration.between(started, Instant.now());
        results.run("duration", String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart()));
        progress.say("done in " + results.run().get("duration"));
        return results;
    }

    /** Runs a step and prints the figures it added. */
    private void report(List<ResultRow> rows, Runnable step) {
        int before = rows.size();
        step.run();
        for (ResultRow row : rows.subList(before, rows.size())) {
            progress.say(String.format(Locale.ROOT, "  %-12s %-45s %-18s p50 %9.3f ms  p99 %9.3f ms%s%s", row.workload(), row.caseName(),
                    row.target(), row.latency().p50Ms(), row.latency().p99Ms(),
                    Double.isNaN(row.opsPerSecond()) ? String.format(Locale.ROOT, "  answer %.1f", row.meanAnswer())
                            : String.format(Locale.ROOT, "  %.0f ops/s %.1f MB/s", row.opsPerSecond(), row.megabytesPerSecond()),
                    Double.isNaN(row.partitions()) ? "" : String.format(Locale.ROOT, "  partitions %.1f", row.partitions()))
                    + (row.note().isEmpty() ? "" : "  (" + row.note() + ")"));
        }
    }
}
