package org.k2store.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.k2store.bench.workload.CallersSweep;

/** The figures as Markdown tables (workload x target), the form the module README shows. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(Results results, List<TargetChecks.Check> checks) {
        List<String> targets = new ArrayList<>(results.targets().keySet());
        StringBuilder md = new StringBuilder();
        Map<String, String> run = results.run();
        md.append("Run ").append(run.getOrDefault("date", "?")).append(", ").append(run.getOrDefault("duration", "?"))
                .append(", on ").append(results.machine().get("nproc")).append(" cores / ").append(results.machine().get("memory_gib"))
                .append(" GiB (").append(results.machine().get("cpu")).append("), ").append(results.machine().get("java")).append(".\n");
        md.append("Settings: ").append(results.settings()).append("\n\n");

        md.append("| target | measured | verdict |\n|---|---|---|\n");
        for (TargetChecks.Check check : checks) {
            md.append("| ").append(check.target()).append(" | ").append(check.measured()).append(" | ").append(check.verdict()).append(" |\n");
        }

        for (String[] read : new String[][] {{"sector-slice", "sector, 128 h full slice"}, {"full-slice", "FULL arc, 128 h full slice"},
                {"full-slice", "FULL arc, 128 h full slice, first read"}, {"bounded-page", "FULL arc since now - 30 min, 100 MiB"}}) {
            md.append("\n**").append(read[0]).append("** (").append(read[1]).append("): p50 / p99 ms per call; ids = mean answer\n\n");
            header(md, "stored ops", targets, "ids");
            for (long tier : results.tiers()) {
                row(md, Long.toString(tier), targets, t -> results.find(read[0], read[1], tier, t).map(r -> pair(r.latency().p50Ms(),
                        r.latency().p99Ms())), results.find(read[0], read[1], tier, TargetChecks.STORE).map(r -> fmt(r.meanAnswer())).orElse(""));
            }
        }

        md.append("\n**startup** (kitsune2's start-up per sector): mean ms per sector, first start / restart; full ring ~ 512 x mean\n\n");
        header(md, "stored ops", targets, "");
        for (long tier : results.tiers()) {
            row(md, Long.toString(tier), targets, t -> results.find("startup", "first start", tier, t).map(first -> fmt(first.latency().meanMs())
                    + " / " + results.find("startup", "restart", tier, t).map(r -> fmt(r.latency().meanMs())).orElse("-")), null);
        }

        section(md, results, targets, "gossip", "gossip round: p50 / p99 ms per round", r -> pair(r.latency().p50Ms(), r.latency().p99Ms()));
        section(md, results, targets, "fetch", "fetch: p50 / p99 ms per call", r -> pair(r.latency().p50Ms(), r.latency().p99Ms()));
        section(md, results, targets, CallersSweep.WORKLOAD, "small calls from 1, 8 and 64 callers: p50 / p99 ms per call, calls/s, errors",
                r -> String.format(Locale.ROOT, "%s, %.0f/s, %s", pair(r.latency().p50Ms(), r.latency().p99Ms()), r.opsPerSecond(),
                        r.note().replace(" errors", "").replace("|", "/")));
        section(md, results, targets, "ingest", "ingest into an empty space: ops/s (MB/s), p50 ms per call",
                r -> String.format(Locale.ROOT, "%.0f (%.1f), %s", r.opsPerSecond(), r.megabytesPerSecond(), fmt(r.latency().p50Ms())));

        md.append("\n**partitions per query** (k2store's QueryObserver; mean per call)\n\n");
        md.append("| workload | case | stored ops | target | partitions | pages |\n|---|---|---|---|---|---|\n");
        for (ResultRow row : results.rows()) {
            if (!Double.isNaN(row.partitions()) && List.of("sector-slice", "full-slice", "bounded-page").contains(row.workload())) {
                md.append("| ").append(row.workload()).append(" | ").append(row.caseName()).append(" | ").append(row.storedOps()).append(" | ").append(row.target()).append(" | ")
                        .append(fmt(row.partitions())).append(" | ").append(fmt(row.pages())).append(" |\n");
            }
        }
        return md.toString();
    }

    public static void write(Results results, List<TargetChecks.Check> checks, Path file) throws IOException {
        Files.writeString(file, render(results, checks), StandardCharsets.UTF_8);
    }

    /** A table of one workload: a row per case (and size, when it has one), a column per target. */
    private static void section(StringBuilder md, Results results, List<String> targets, String workload, String title,
            Function<ResultRow, String> cell) {
        List<ResultRow> rows = results.rows().stream().filter(r -> r.workload().equals(workload)).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n**").append(title).append("**\n\n");
        header(md, "case", targets, "");
        rows.stream().map(r -> r.caseName() + "\u0000" + r.storedOps()).distinct().forEach(key -> {
            String caseName = key.substring(0, key.indexOf('\u0000'));
            long tier = Long.parseLong(key.substring(key.indexOf('\u0000') + 1));
            row(md, caseName + (tier > 0 ? " @ " + tier : ""), targets, t -> results.find(workload, caseName, tier, t).map(cell), null);
        });
    }

    private static void header(StringBuilder md, String first, List<String> targets, String last) {
        md.append("| ").append(first).append(" | ").append(String.join(" | ", targets)).append(last.isEmpty() ? "" : " | " + last).append(" |\n|---");
        md.append("|---".repeat(targets.size())).append(last.isEmpty() ? "" : "|---").append("|\n");
    }

    /** A table row; {@code last} is the extra column's cell, or null for tables without one. */
    private static void row(StringBuilder md, String first, List<String> targets, Function<String, Optional<String>> cell, String last) {
        md.append("| ").append(first);
        for (String target : targets) {
            md.append(" | ").append(cell.apply(target).orElse("-"));
        }
        md.append(last == null ? "" : " | " + last).append(" |\n");
    }

    private static String pair(double a, double b) {
        return fmt(a) + " / " + fmt(b);
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
