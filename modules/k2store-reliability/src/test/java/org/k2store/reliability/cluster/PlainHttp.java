package org.k2store.reliability.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The v1 API of one instance over plain java.net.http (HTTP/1.1, keep-alive: the client keeps its
 * connections open between calls), with no retry of any kind: a 429 or 503 reaches the scenario
 * as it was answered. Every call is timed by its name, and every answer that is not 2xx (or no
 * answer at all, status -1) is counted, so a scenario can report p50/p99 per call and assert that
 * nothing was refused.
 */
final class PlainHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What one call got: the status (-1: no answer, {@code body} then says why) and the body. */
    record Answer(int status, String body, long nanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + abbreviated(body), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + abbreviated(body);
        }
    }

    /** Latencies and refusals per call name, shared by every PlainHttp of a scenario. */
    static final class Calls {
        private final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> non2xx = new ConcurrentHashMap<>();
        private final Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
        private final List<String> firstRefusals = Collections.synchronizedList(new ArrayList<>());

        void record(String call, Answer answer) {
            nanos.computeIfAbsent(call, c -> Collections.synchronizedList(new ArrayList<>())).add(answer.nanos());
            statuses.computeIfAbsent(call, c -> new ConcurrentHashMap<>()).computeIfAbsent(answer.status(), s -> new AtomicInteger())
                    .incrementAndGet();
            if (!answer.ok()) {
                non2xx.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
                if (firstRefusals.size() < 10) {
                    firstRefusals.add(call + ": " + answer);
                }
            }
        }

        int non2xx() {
            return non2xx.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        int count(String call) {
            List<Long> all = nanos.get(call);
            return all == null ? 0 : all.size();
        }

        List<String> firstRefusals() {
            synchronized (firstRefusals) {
                return new ArrayList<>(firstRefusals);
            }
        }

        /** What every scenario reports of its calls: non-2xx in all, the per-call figures, the first refusals. */
        void report(Map<String, Object> scenarioFigures) {
            scenarioFigures.put("non_2xx_total", non2xx());
            scenarioFigures.put("calls", figures());
            scenarioFigures.put("first_refusals", firstRefusals());
        }

        /** Per call name: calls, p50/p99/max in ms, and the answers by status. */
        Map<String, Object> figures() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (String call : new java.util.TreeSet<>(nanos.keySet())) {
                List<Long> sorted;
                synchronized (nanos.get(call)) {
                    sorted = new ArrayList<>(nanos.get(call));
                }
                Collections.sort(sorted);
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("calls", sorted.size());
                one.put("p50_ms", millis(percentile(sorted, 0.50)));
                one.put("p99_ms", millis(percentile(sorted, 0.99)));
                one.put("max_ms", millis(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
                Map<String, Integer> byStatus = new java.util.TreeMap<>();
                statuses.getOrDefault(call, Map.of()).forEach((status, n) -> byStatus.put(String.valueOf(status), n.get()));
                one.put("answers_by_status", byStatus);
                all.put(call, one);
            }
            return all;
        }

        private static long percentile(List<Long> sorted, double p) {
            if (sorted.isEmpty()) {
                return 0;
            }
            int rank = (int) Math.ceil(p * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 1e4) / 100.0;
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String spacePath;
    private final Calls calls;

    PlainHttp(URI base, String spaceBase64, Calls calls) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.spacePath = "/v1/spaces/" + spaceBase64;
        this.calls = calls;
    }

    /** {@code PUT /v1/spaces/{space}}. */
    Answer createSpace(String codec, String location) {
        return send("create_space", request("").PUT(body("{\"codec\":\"" + codec + "\",\"location\":\"" + location + "\"}"))
                .header("Content-Type", "application/json"));
    }

    Answer post(String call, String path, String json) {
        return send(call, request(path).POST(body(json)).header("Content-Type", "application/json"));
    }

    Answer get(String call, String pathAndQuery) {
        return send(call, request(pathAndQuery).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(spacePath + path)).timeout(Duration.ofSeconds(90));
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }

    private Answer send(String call, HttpRequest.Builder request) {
        long start = System.nanoTime();
        Answer answer;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            answer = new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            answer = new Answer(-1, "no answer: " + e, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(-1, "interrupted", System.nanoTime() - start);
        }
        calls.record(call, answer);
        return answer;
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
