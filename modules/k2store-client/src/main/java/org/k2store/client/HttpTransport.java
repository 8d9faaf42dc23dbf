package org.k2store.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.k2store.api.K2StoreException;

/**
 * Sends one API call and retries it within the {@link RetryPolicy} when the service was overloaded
 * (429, 502-504) or did not answer at all; with several service
 * instances configured, a retry after no answer or a 502-504 goes to the next instance. Every v1 call may be retried, because every one is
 * idempotent: reads change nothing; {@code PUT} of a space or a slice hash writes the same value
 * again; and {@code process_incoming_ops} keeps the FIRST record of an id and returns every input
 * id, so sending a batch twice stores the same ops with the same stamps and gives the same answer.
 * Other 4xx answers are never retried: they are the caller's mistake and would fail again.
 */
final class HttpTransport {

    /** One request: its name for messages, method, path under the base URL, body, and the statuses that mean success. */
    record Call(String name, String method, String path, byte[] body, Set<Integer> accepted, SpaceId space) {
    }

    /** A successful answer. */
    record Answer(int status, byte[] body) {
    }

    private final HttpClient http;
    private final Endpoints endpoints;
    private final String authorization;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Clock clock = Clock.systemUTC();
    private final CallsInFlight calls = new CallsInFlight();

    HttpTransport(HttpClient http, Endpoints endpoints, String token, Duration requestTimeout, RetryPolicy retry) {
        this.http = http;
        this.endpoints = endpoints;
        this.authorization = token == null ? null : "Bearer " + token;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
    }

    CompletableFuture<Answer> send(Call call) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        if (!calls.enter()) {
            result.completeExceptionally(new IllegalStateException(call.name() + ": this K2StoreClient is closed"));
            return result;
        }
        result.whenComplete((answer, error) -> calls.leave());
        attempt(call, 1, endpoints.pick(), result);
        return result;
    }

    /** Refuses new calls and waits (at most {@code limit}) for the calls in flight to end. */
    boolean closeAndDrain(Duration limit) throws InterruptedException {
        return calls.closeAndDrain(limit);
    }

    private void attempt(Call call, int attempt, int endpoint, CompletableFuture<Answer> result) {
        String base = endpoints.base(endpoint);
        HttpRequest request;
        try {
            request = request(base, call);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof IOException) {
                    endpoints.failed(endpoint);
                    retryOrFail(call, attempt, endpoints.pick(), result, Optional.empty(), new ServiceUnavailableException(0,
                            call.name() + ": no answer from " + base + " (" + cause + ")", null, cause));
                } else {
                    result.completeExceptionally(new K2StoreException(call.name() + ": request failed (" + cause + ")", cause));
                }
                return;
            }
            int status = response.statusCode();
            if (call.accepted().contains(status)) {
                result.complete(new Answer(status, response.body()));
                return;
            }
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock);
            K2StoreException failure = ServiceErrors.toException(call.name(), call.space(), status, response.body(), retryAfter);
            if (ServiceErrors.retryable(status)) {
                int next = endpoint;
                if (status >= 502 && status <= 504) {
                    endpoints.failed(endpoint);
                    next = endpoints.pick();
                }
                // Otherwise (429, 408) the retry stays: it is this caller's limit, which every instance enforces.
                retryOrFail(call, attempt, next, result, retryAfter, failure);
            } else {
                result.completeExceptionally(failure);
            }
        });
    }

    private void retryOrFail(Call call, int attempt, int endpoint, CompletableFuture<Answer> result, Optional<Duration> retryAfter,
            K2StoreException failure) {
        Optional<Duration> pause = retry.pauseAfter(attempt, retryAfter);
        if (pause.isEmpty()) {
            result.completeExceptionally(failure);
            return;
        }
        CompletableFuture.delayedExecutor(pause.get().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> attempt(call, attempt + 1, endpoint, result));
    }

    private HttpRequest request(String base, Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (call.body() != null) {
            builder.header("Content-Type", "application/json");
            builder.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }
}
