package org.k2store.server.console;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live figures of this service node, read from the metrics it already keeps (nothing is
 * measured here): per API call the rate and latency of its {@code @Timed} timer, per store method
 * the fan-out width histogram ({@code k2store.cassandra.<method>.partitions}), Cassandra's cached
 * health check and the driver's session metrics, and Jetty's responses by status.
 */
public final class ServiceFigures {

    private static final String RESOURCES = "org.k2store.server.resources.";
    private static final Pattern FAN_OUT = Pattern.compile("k2store\\.cassandra\\.(.+)\\.partitions");
    private static final Pattern RESPONSES = Pattern.compile(".*\\.([1-5](?:xx|[0-9]{2}))-responses");
    private static final double NANOS_PER_MS = 1_000_000.0;

    private final MetricRegistry metrics;
    private final HealthCheckRegistry health;

    public ServiceFigures(MetricRegistry metrics, HealthCheckRegistry health) {
        this.metrics = metrics;
        this.health = health;
    }

    /** One API call (a resource method): how often and how fast. Latencies in milliseconds. */
    public record Call(@JsonProperty("call") String call, @JsonProperty("count") long count,
            @JsonProperty("rate_1m") double rate1m, @JsonProperty("mean_ms") double meanMs,
            @JsonProperty("p50_ms") double p50Ms, @JsonProperty("p99_ms") double p99Ms) {
    }

    /** Partitions read per call of one store method: how wide its queries fan out. */
    public record FanOut(@JsonProperty("method") String method, @JsonProperty("count") long count,
            @JsonProperty("mean") double mean, @JsonProperty("p99") double p99, @JsonProperty("max") long max) {
    }

    /** Cassandra as this node sees it. Driver figures are null when the driver does not report them. */
    public record Cassandra(@JsonProperty("healthy") boolean healthy, @JsonProperty("message") String message,
            @JsonProperty("connected_nodes") Integer connectedNodes, @JsonProperty("cql_requests") Long cqlRequests,
            @JsonProperty("cql_rate_1m") Double cqlRate1m, @JsonProperty("cql_p99_ms") Double cqlP99Ms,
            @JsonProperty("client_timeouts") Long clientTimeouts) {
    }

    /** Answers with one status ({@code 404}) or class ({@code 4xx}). */
    public record Responses(@JsonProperty("status") String status, @JsonProperty("count") long count,
            @JsonProperty("rate_1m") double rate1m) {
    }

    /** Everything the console's live panel shows. */
    public record Figures(@JsonProperty("calls") List<Call> calls, @JsonProperty("fan_out") List<FanOut> fanOut,
            @JsonProperty("cassandra") Cassandra cassandra, @JsonProperty("responses") List<Responses> responses) {
    }

    public Figures read() {
        return new Figures(calls(), fanOut(), cassandra(), responses());
    }

    private List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        // Exactly <Resource>.<call>: Jersey's own sub-timers (.total, .request.filtering, ...) are left out.
        for (Map.Entry<String, Timer> entry : metrics.getTimers((name, metric) -> name.startsWith(RESOURCES)
                && name.indexOf('.', name.indexOf('.', RESOURCES.length()) + 1) < 0).entrySet()) {
            String name = entry.getKey();
            Timer timer = entry.getValue();
            com.codahale.metrics.Snapshot latency = timer.getSnapshot();
            calls.add(new Call(name.substring(name.lastIndexOf('.') + 1), timer.getCount(), timer.getOneMinuteRate(),
                    latency.getMean() / NANOS_PER_MS, latency.getMedian() / NANOS_PER_MS, latency.get99thPercentile() / NANOS_PER_MS));
        }
        return List.copyOf(calls);
    }

    private List<FanOut> fanOut() {
        List<FanOut> widths = new ArrayList<>();
        for (Map.Entry<String, Histogram> entry : metrics.getHistograms().entrySet()) {
            Matcher matcher = FAN_OUT.matcher(entry.getKey());
            if (matcher.matches()) {
                Histogram histogram = entry.getValue();
                com.codahale.metrics.Snapshot sizes = histogram.getSnapshot();
                widths.add(new FanOut(matcher.group(1), histogram.getCount(), sizes.getMean(), sizes.get99thPercentile(), sizes.getMax()));
            }
        }
        return List.copyOf(widths);
    }

    private Cassandra cassandra() {
        HealthCheck.Result result;
        try {
            // The check caches its answer for its interval, so a console refresh never adds a query.
            result = health.runHealthCheck("cassandra");
        } catch (NoSuchElementException e) {
            result = HealthCheck.Result.unhealthy("no cassandra health check registered");
        }
        Integer connected = null;
        for (Gauge<?> gauge : metrics.getGauges((name, metric) -> name.startsWith("cassandra.driver.")
                && name.endsWith(".connected-nodes")).values()) {
            if (gauge.getValue() instanceof Number number) {
                connected = (connected == null ? 0 : connected) + number.intValue();
            }
        }
        Timer cql = first(metrics.getTimers((name, metric) -> name.startsWith("cassandra.driver.") && name.endsWith(".cql-requests")));
        Counter timeouts = first(metrics.getCounters((name, metric) -> name.startsWith("cassandra.driver.")
                && name.endsWith(".cql-client-timeouts")));
        return new Cassandra(result.isHealthy(), result.getMessage(), connected,
                cql == null ? null : cql.getCount(), cql == null ? null : cql.getOneMinuteRate(),
                cql == null ? null : cql.getSnapshot().get99thPercentile() / NANOS_PER_MS,
                timeouts == null ? null : timeouts.getCount());
    }

    private List<Responses> responses() {
        List<Responses> answers = new ArrayList<>();
        for (Map.Entry<String, Meter> entry : metrics.getMeters().entrySet()) {
            Matcher matcher = RESPONSES.matcher(entry.getKey());
            if (matcher.matches()) {
                answers.add(new Responses(matcher.group(1), entry.getValue().getCount(), entry.getValue().getOneMinuteRate()));
            }
        }
        answers.sort((a, b) -> a.status().compareTo(b.status()));
        return List.copyOf(answers);
    }

    private static <T> T first(Map<String, T> found) {
        return found.isEmpty() ? null : found.values().iterator().next();
    }
}
