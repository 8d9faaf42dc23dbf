package org.k2store.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One CSV line per figure, each stamped with the run's date so files from several runs can be concatenated. */
public final class CsvReport {

    static final String HEADER = "run_date,workload,case,stored_ops,target,samples,p50_ms,p99_ms,mean_ms,max_ms,total_ms,"
            + "ops_per_s,mb_per_s,mean_answer,partitions_per_call,pages_per_call,note";

    private CsvReport() {
    }

    public static void write(Results results, Path file) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        String date = results.run().getOrDefault("date", "");
        for (ResultRow row : results.rows()) {
            LatencyStats l = row.latency();
            csv.append(String.join(",", quote(date), quote(row.workload()), quote(row.caseName()), Long.toString(row.storedOps()),
                    quote(row.target()), Integer.toString(l.samples()), num(l.p50Ms()), num(l.p99Ms()), num(l.meanMs()), num(l.maxMs()),
                    num(l.totalMs()), num(row.opsPerSecond()), num(row.megabytesPerSecond()), num(row.meanAnswer()), num(row.partitions()),
                    num(row.pages()), quote(row.note()))).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
