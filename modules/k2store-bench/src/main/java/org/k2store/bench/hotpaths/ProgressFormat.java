package org.k2store.bench.hotpaths;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.k2store.bench.report.Progress;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output as the driver's progress lines: one line as each benchmark starts (with JMH's own
 * "% complete, ETA"), one with its score as it ends; JMH's banners and per-iteration lines are left
 * out, anything else it prints (a failing benchmark's stack trace, the forked JVM's output) is kept.
 */
final class ProgressFormat implements OutputFormat {

    private final Progress progress;
    private BenchmarkParams current;
    private int started;

    ProgressFormat(Progress progress) {
        this.progress = progress;
    }

    static String name(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    static String params(BenchmarkParams params) {
        Map<String, String> values = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            values.put(key, params.getParam(key));
        }
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ").append(key).append('=').append(value));
        return text.toString();
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        current = params;
        started++;
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result == null) {
            return;
        }
        Result<?> primary = result.getPrimaryResult();
        progress.say(String.format(Locale.ROOT, "  %-40s %-28s %12.3f +- %.3f %s", name(result.getParams()), params(result.getParams()),
                primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
    }

    @Override
    public void println(String line) {
        if (line == null || line.isBlank()) {
            return;
        }
        if (line.startsWith("# Run progress:")) {
            // "# Run progress: 45.00% complete, ETA 00:01:30", printed as each benchmark's fork starts.
            progress.say("hot paths #" + started + ": " + (current == null ? "?" : name(current) + " " + params(current)) + " ("
                    + line.substring("# Run progress:".length()).trim() + ")");
            return;
        }
        if (line.startsWith("#") || line.startsWith("Iteration") || line.startsWith("Result \"") || line.startsWith("Benchmark ")) {
            return;
        }
        progress.say("  jmh: " + line.stripTrailing());
    }

    @Override
    public void print(String text) {
        println(text);
    }

    @Override
    public void verbosePrintln(String line) {
    }

    @Override
    public void iteration(BenchmarkParams params, IterationParams iteration, int index) {
    }

    @Override
    public void iterationResult(BenchmarkParams params, IterationParams iteration, int index, IterationResult result) {
    }

    @Override
    public void startRun() {
    }

    @Override
    public void endRun(Collection<RunResult> results) {
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public void write(int b) {
    }

    @Override
    public void write(byte[] b) {
    }
}
