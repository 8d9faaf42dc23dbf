package org.k2store.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.k2store.bench.hotpaths.HotPaths;
import org.k2store.bench.report.CsvReport;
import org.k2store.bench.report.IngestReport;
import org.k2store.bench.report.JsonReport;
import org.k2store.bench.report.MarkdownReport;
import org.k2store.bench.report.Progress;
import org.k2store.bench.report.Results;
import org.k2store.bench.report.SvgChart;
import org.k2store.bench.report.TargetChecks;

/**
 * The benchmark's command line: first the JMH micro-benchmarks of the hot paths (jmh.json, jmh.md),
 * then every workload on every target, whose results (latest.csv, latest.json, latest.md and one SVG
 * plot per read path, and the ingest sweep's ingest.md and ingest.json) go to the same results directory.
 * {@code --ingest-only} runs only the ingest sweep (ingest.md, ingest.json) and prints its table last.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        // Before anything logs: the driver's INFO chatter would bury the progress lines.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchSettings.usage());
            System.exit(2);
            return;
        }
        try {
            run(settings);
        } catch (RuntimeException | IOException e) {
            e.printStackTrace();
            System.exit(1);
        }
        // The driver's and SQLite's threads are daemons, but Netty's may linger for a few seconds.
        System.exit(0);
    }

    /** Runs the benchmark and writes its files; answers where they are. */
    public static Path run(BenchSettings settings) throws IOException {
        Progress progress = new Progress(System.out);
        if (settings.ingestOnly()) {
            progress.say("k2store-bench --ingest-only: targets " + settings.targets() + ", " + settings.ingestSeconds() + " s per case");
            Results results = new BenchRun(settings, progress).runIngestOnly();
            List<TargetChecks.Check> checks = TargetChecks.ingest(results);
            IngestReport.write(results, checks, settings.out());
            for (TargetChecks.Check check : checks) {
                progress.say(check.verdict() + ": " + check.target() + (check.measured().isEmpty() ? "" : " (" + check.measured() + ")"));
            }
            progress.say("results in " + settings.out().toAbsolutePath().resolve("ingest.md"));
            System.out.println();
            System.out.print(IngestReport.table(results));
            return settings.out();
        }
        if (!settings.skipJmh()) {
            HotPaths.run(settings.out(), progress);
        }
        if (settings.jmhOnly()) {
            progress.say("results in " + settings.out().toAbsolutePath());
            return settings.out();
        }
        progress.say("k2store-bench: data sizes " + settings.tiers() + ", targets " + settings.targets());
        Results results = new BenchRun(settings, progress).run();
        return write(results, settings.out(), progress);
    }

    static Path write(Results results, Path out, Progress progress) throws IOException {
        Files.createDirectories(out);
        List<TargetChecks.Check> checks = TargetChecks.evaluate(results);
        CsvReport.write(results, out.resolve("latest.csv"));
        IngestReport.write(results, TargetChecks.ingest(results), out);
        JsonReport.write(results, checks, out.resolve("latest.json"));
        MarkdownReport.write(results, checks, out.resolve("latest.md"));
        SvgChart.write(results, "sector-slice", "sector, 128 h full slice", "Sector 128 h full slice: latency vs stored ops",
                out.resolve("sector-slice.svg"));
        SvgChart.write(results, "full-slice", "FULL arc, 128 h full slice", "FULL-arc 128 h slice: latency vs stored ops",
                out.resolve("full-slice.svg"));
        SvgChart.write(results, "full-slice", "FULL arc, 128 h full slice, first read",
                "FULL-arc 128 h slice, first read (no query read it before): latency vs stored ops", out.resolve("full-slice-first-read.svg"));
        SvgChart.write(results, "bounded-page", "FULL arc since now - 30 min, 100 MiB", "Bounded page (gossip): latency vs stored ops",
                out.resolve("bounded-page.svg"));
        for (TargetChecks.Check check : checks) {
            progress.say(check.verdict() + ": " + check.target() + (check.measured().isEmpty() ? "" : " (" + check.measured() + ")"));
        }
        progress.say("results in " + out.toAbsolutePath());
        return out;
    }
}
