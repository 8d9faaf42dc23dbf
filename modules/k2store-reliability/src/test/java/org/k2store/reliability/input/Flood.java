package org.k2store.reliability.input;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant that floods: {@code threads} loops sending {@code target} as fast as answers come back,
 * ignoring Retry-After, until closed. Counts the statuses and reasons it got, and remembers the
 * first answer that is neither a 200 nor a proper 429.
 */
final class Flood implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile String unexpected;

    Flood(URI target, String token, int threads) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .build();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    record(send(http, request));
                }
            }, "flood-" + i);
            thread.setDaemon(true);
            this.threads.add(thread);
            thread.start();
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void record(HttpResponse<String> response) {
        sent.incrementAndGet();
        String outcome;
        if (response == null) {
            outcome = "no answer";
        } else if (response.statusCode() == 429) {
            Reply reply = new Reply(429, Map.of("content-type", response.headers().firstValue("Content-Type").orElse("")),
                    response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String problem = ErrorAnswers.problem(reply);
            if (problem == null && response.headers().firstValue("Retry-After").isEmpty()) {
                problem = "no Retry-After";
            }
            if (problem == null && !reply.json().path("message").asText().contains("limits.tenant")) {
                problem = "message names no tenant limit";
            }
            if (problem != null && unexpected == null) {
                unexpected = "429 " + problem + ": " + response.body();
            }
            outcome = "429 " + reply.json().path("reason").asText();
        } else {
            outcome = Integer.toString(response.statusCode());
        }
        if (!outcome.equals("200") && !outcome.startsWith("429") && unexpected == null) {
            unexpected = outcome + (response == null ? "" : ": " + response.body());
        }
        outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
    }

    int count(String outcome) {
        AtomicInteger count = outcomes.get(outcome);
        return count == null ? 0 : count.get();
    }

    int refused() {
        return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("429")).mapToInt(e -> e.getValue().get()).sum();
    }

    int sent() {
        return sent.get();
    }

    Map<String, Integer> outcomes() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        outcomes.forEach((key, value) -> copy.put(key, value.get()));
        return copy;
    }

    String unexpected() {
        return unexpected;
    }

    @Override
    public void close() {
        running.set(false);
        try {
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
