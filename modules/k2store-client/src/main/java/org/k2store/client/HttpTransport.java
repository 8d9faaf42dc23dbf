package org.k2store.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * Each attempt blocks one of the client's {@link CallThreads}; the pauses between attempts hold none.
 */
final class HttpTransport {

    /** Reads an accepted answer from its body as it arrives; an IOException means the connection failed. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(int status, InputStream body) throws IOException;
    }

    /** One request: its name for messages, method, path under the base URL, body, the statuses that mean success, and their reader. */
    record Call<T>(String name, String method, String path, byte[] body, Set<Integer> accepted, SpaceId space, AnswerReader<T> reader) {
    }

    private final Exchange exchange;
    private final CallThreads threads;
    private final Endpoints endpoints;
    private final RetryPolicy retry;
    private final Clock clock = Clock.systemUTC();
    private final CallsInFlight calls = new CallsInFlight();

    HttpTransport(Exchange exchange, CallThreads threads, Endpoints endpoints, RetryPolicy retry) {
        this.exchange = exchange;
        this.threads = threads;
        this.endpoints = endpoints;
        this.retry = retry;
    }

    <T> CompletableFuture<T> send(Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
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

    private <T> void attempt(Call<T> call, int attempt, int endpoint, CompletableFuture<T> result) {
        if (!threads.offer(() -> exchange(call, attempt, endpoint, result))) {
            result.completeExceptionally(threads.refusal(call.name()));
        }
    }

    /** One attempt, on a call thread. */
    private <T> void exchange(Call<T> call, int attempt, int endpoint, CompletableFuture<T> result) {
        String base = endpoints.base(endpoint);
        Exchange.Reply<T> reply;
        try {
            reply = exchange.send(base, call);
        } catch (IOException e) {
            endpoints.failed(endpoint);
            retryOrFail(call, attempt, endpoints.pick(), result, Optional.empty(), new ServiceUnavailableException(0,
                    call.name() + ": no answer from " + base + " (" + e + ")", null, e));
            return;
        } catch (RuntimeException | Error e) { // a malformed answer (K2StoreException) or a request that could not be made
            result.completeExceptionally(e);
            return;
        }
        if (reply.accepted()) {
            result.complete(reply.answer());
            return;
        }
        int status = reply.status();
        Optional<Duration> retryAfter = RetryAfter.parse(reply.retryAfter(), clock);
        K2StoreException failure = ServiceErrors.toException(call.name(), call.space(), status, reply.errorBody(), retryAfter);
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
    }

    private <T> void retryOrFail(Call<T> call, int attempt, int endpoint, CompletableFuture<T> result, Optional<Duration> retryAfter,
            K2StoreException failure) {
        Optional<Duration> pause = retry.pauseAfter(attempt, retryAfter);
        if (pause.isEmpty()) {
            result.completeExceptionally(failure);
            return;
        }
        CompletableFuture.delayedExecutor(pause.get().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> attempt(call, attempt + 1, endpoint, result));
    }
}
