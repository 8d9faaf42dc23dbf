package org.k2store.bench.hotpaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.k2store.bench.report.MachineInfo;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** jmh.md: when, where and how the hot paths were measured, then one row per benchmark and parameters. */
public final class JmhMarkdown {

    private JmhMarkdown() {
    }

    public static String render(Collection<RunResult> results, String date, String duration, double loadAtStart) {
        Map<String, String> machine = MachineInfo.describe();
        StringBuilder md = new StringBuilder();
        md.append("Hot paths (JMH), run ").append(date).append(" (").append(duration).append("), on ").append(machine.get("nproc"))
                .append(" cores / ").append(machine.get("memory_gib")).append(" GiB (").append(machine.get("cpu")).append("), ")
                .append(machine.get("java")).append(String.format(Locale.ROOT, "; load average %.2f at the start, ", loadAtStart))
                .append(machine.get("load_average_at_start")).append(" at the end.\n");
        md.append("Settings: ").append(HotPaths.settings()).append(". Error: JMH's 99.9% confidence half-width over the ")
                .append(HotPaths.MEASUREMENT_ITERATIONS).append(" measurement iterations (wide by construction at this count). "
                        + "The machine is shared: the figures carry noise from whatever else ran.\n\n");
        md.append("| benchmark | params | score | error | unit |\n|---|---|---|---|---|\n");
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            md.append("| ").append(ProgressFormat.name(result.getParams())).append(" | ").append(ProgressFormat.params(result.getParams()))
                    .append(" | ").append(number(primary.getScore())).append(" | ").append(number(primary.getScoreError())).append(" | ")
                    .append(primary.getScoreUnit()).append(" |\n");
        }
        return md.toString();
    }

    public static void write(Collection<RunResult> results, String date, String duration, double loadAtStart, Path file) throws IOException {
        Files.writeString(file, render(results, date, duration, loadAtStart), StandardCharsets.UTF_8);
    }

    /** Three significant digits or more: 0.0412, 1.23, 45.6, 1234. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : abs >= 0.1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
