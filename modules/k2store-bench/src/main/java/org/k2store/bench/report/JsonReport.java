package org.k2store.bench.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The whole run as JSON: run, machine, settings, targets, notes, the target checks, and every figure. */
public final class JsonReport {

    private JsonReport() {
    }

    public static void write(Results results, List<TargetChecks.Check> checks, Path file) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            object(json, "run", results.run());
            object(json, "machine", results.machine());
            object(json, "settings", results.settings());
            object(json, "targets", results.targets());
            object(json, "notes", results.notes());
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
            for (ResultRow row : results.rows()) {
                json.writeStartObject();
                json.writeStringField("workload", row.workload());
                json.writeStringField("case", row.caseName());
                json.writeNumberField("stored_ops", row.storedOps());
                json.writeStringField("target", row.target());
                json.writeNumberField("samples", row.latency().samples());
                number(json, "p50_ms", row.latency().p50Ms());
                number(json, "p99_ms", row.latency().p99Ms());
                number(json, "mean_ms", row.latency().meanMs());
                number(json, "max_ms", row.latency().maxMs());
                number(json, "total_ms", row.latency().totalMs());
                number(json, "ops_per_s", row.opsPerSecond());
                number(json, "mb_per_s", row.megabytesPerSecond());
                number(json, "mean_answer", row.meanAnswer());
                number(json, "partitions_per_call", row.partitions());
                number(json, "pages_per_call", row.pages());
                if (!row.note().isEmpty()) {
                    json.writeStringField("note", row.note());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void object(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (!Double.isNaN(value)) {
            json.writeNumberField(name, Math.round(value * 10_000) / 10_000.0);
        }
    }
}
