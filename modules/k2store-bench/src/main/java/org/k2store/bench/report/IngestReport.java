package org.k2store.bench.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ingest sweep as results/ingest.md (one table, then the ingest target checks) and results/ingest.json. */
public final class IngestReport {

    private IngestReport() {
    }

    public static String table(Results results) {
        StringBuilder md = new StringBuilder();
        md.append("| target | batch | writers | ops/s acknowledged | p50 ms/call | p99 ms/call | calls | errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (IngestRow row : results.ingest()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f | %d | %d |\n", row.target(), row.batch(), row.writers(),
                    row.opsPerSecond(), row.latency().p50Ms(), row.latency().p99Ms(), row.calls(), row.errors()));
        }
        return md.toString();
    }

    public static String markdown(Results results, List<TargetChecks.Check> checks) {
        StringBuilder md = new StringBuilder("# k2store ingest sweep\n\n");
        Map<String, String> run = results.run();
        run.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- ops: ").append(IngestSweepText.DESCRIPTION).append("\n\n");
        md.append("## Targets\n\n");
        results.targets().forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
        md.append("\n## Results\n\n").append(table(results));
        boolean anyErrors = results.ingest().stream().anyMatch(r -> !r.firstError().isEmpty());
        if (anyErrors) {
            md.append("\nFirst error per row:\n\n");
            results.ingest().stream().filter(r -> !r.firstError().isEmpty())
                    .forEach(r -> md.append("- ").append(r.target()).append(", ").append(r.caseName()).append(": `")
                            .append(r.firstError().replace('`', '\'').replace('\n', ' ')).append("`\n"));
        }
        md.append("\n## Targets checked\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (TargetChecks.Check check : checks) {
            md.append("| ").append(check.target()).append(" | ").append(check.measured()).append(" | ").append(check.verdict()).append(" |\n");
        }
        return md.toString();
    }

    public static void write(Results results, List<TargetChecks.Check> checks, Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("ingest.md"), markdown(results, checks), StandardCharsets.UTF_8);
        try (JsonGenerator json = new JsonFactory().createGenerator(out.resolve("ingest.json").toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            object(json, "run", results.run());
            object(json, "machine", results.machine());
            object(json, "settings", results.settings());
            object(json, "targets", results.targets());
            json.writeArrayFieldStart("checks");
            for (TargetChecks.Check check : checks) {
                json.writeStartObject();
                json.writeStringField("target", check.target());
                json.writeStringField("measured", check.measured());
                json.writeStringField("verdict", check.verdict());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("results");
            for (IngestRow row : results.ingest()) {
                json.writeStartObject();
                json.writeStringField("target", row.target());
                json.writeNumberField("batch", row.batch());
                json.writeNumberField("writers", row.writers());
                json.writeNumberField("op_size", row.opSize());
                json.writeNumberField("seconds", round(row.seconds()));
                json.writeNumberField("calls", row.calls());
                json.writeNumberField("errors", row.errors());
                json.writeNumberField("ops_per_s", round(row.opsPerSecond()));
                if (row.latency().samples() > 0) {
                    json.writeNumberField("p50_ms", round(row.latency().p50Ms()));
                    json.writeNumberField("p99_ms", round(row.latency().p99Ms()));
                    json.writeNumberField("mean_ms", round(row.latency().meanMs()));
                    json.writeNumberField("max_ms", round(row.latency().maxMs()));
                }
                if (!row.firstError().isEmpty()) {
                    json.writeStringField("first_error", row.firstError());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static void object(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    /** The sweep's fixed shape, in words. */
    static final class IngestSweepText {
        static final String DESCRIPTION = "new 512 B envelope ops (36-byte ids), batches of 1 and 100, 1 and 16 concurrent writers (64 more for"
                + " the service targets), each writer one call outstanding; ops/s = ops of 2xx/successful calls in the timed window; p50/p99"
                + " over successful calls; errors = failed calls (non-2xx or exception)";

        private IngestSweepText() {
        }
    }
}
