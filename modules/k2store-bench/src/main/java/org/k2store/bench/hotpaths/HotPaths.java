package org.k2store.bench.hotpaths;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.k2store.api.DecodeIncomingOpBenchmark;
import org.k2store.bench.data.CombineSliceIdsBenchmark;
import org.k2store.bench.report.Progress;
import org.k2store.cassandra.MergeSortedPartitionsBenchmark;
import org.k2store.cassandra.PlanPartitionsBenchmark;
import org.k2store.client.TimeSliceAnswerBenchmark;
import org.k2store.memory.MemoryTimeSliceBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark's first phase: the JMH micro-benchmarks of the hot paths, with settings small enough
 * for 2 cores (about 2 minutes), written as jmh.json (JMH's own format) and jmh.md (a table). The
 * benchmarks live with the code they measure (each module's src/jmh/java, published as its jmh jar).
 */
public final class HotPaths {

    public static final List<Class<?>> BENCHMARKS = List.of(MergeSortedPartitionsBenchmark.class, PlanPartitionsBenchmark.class,
            DecodeIncomingOpBenchmark.class, CombineSliceIdsBenchmark.class, TimeSliceAnswerBenchmark.class, MemoryTimeSliceBenchmark.class);
    public static final int FORKS = 1;
    public static final int WARMUP_ITERATIONS = 2;
    public static final int MEASUREMENT_ITERATIONS = 3;
    public static final int ITERATION_SECONDS = 1;
    public static final String HEAP = "-Xmx1g";

    private HotPaths() {
    }

    /** The settings, as jmh.md states them. */
    public static String settings() {
        return String.format(Locale.ROOT, "JMH 1.37, %d fork, %d warm-up x %d s, %d measurement iterations x %d s, average time per call, "
                + "1 thread, forked JVM %s", FORKS, WARMUP_ITERATIONS, ITERATION_SECONDS, MEASUREMENT_ITERATIONS, ITERATION_SECONDS, HEAP);
    }

    /** Runs every hot-path benchmark and writes jmh.json and jmh.md into {@code out}. */
    public static Collection<RunResult> run(Path out, Progress progress) throws IOException {
        Files.createDirectories(out);
        Path json = out.resolve("jmh.json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(FORKS)
                .warmupIterations(WARMUP_ITERATIONS)
                .warmupTime(TimeValue.seconds(ITERATION_SECONDS))
                .measurementIterations(MEASUREMENT_ITERATIONS)
                .measurementTime(TimeValue.seconds(ITERATION_SECONDS))
                .threads(1)
                .jvmArgs(HEAP, "-Xms256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON);
        for (Class<?> benchmark : BENCHMARKS) {
            options.include("^" + Pattern.quote(benchmark.getName()) + "\\.");
        }
        Instant started = Instant.now();
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        progress.say("hot paths (JMH): " + BENCHMARKS.size() + " benchmark classes; " + settings());
        Collection<RunResult> results;
        try {
            results = new Runner(options.build(), new ProgressFormat(progress)).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("hot paths: JMH failed: " + e.getMessage(), e);
        }
        Duration took = Duration.between(started, Instant.now());
        String duration = String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart());
        JmhMarkdown.write(results, started.truncatedTo(ChronoUnit.SECONDS).toString(), duration, loadAtStart, out.resolve("jmh.md"));
        progress.say("hot paths done in " + duration + ": " + json.toAbsolutePath() + ", " + out.resolve("jmh.md").toAbsolutePath());
        return results;
    }
}
