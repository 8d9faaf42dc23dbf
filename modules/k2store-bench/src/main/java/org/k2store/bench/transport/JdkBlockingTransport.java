package org.k2store.bench.transport;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * (b) java.net.http's blocking send, the answer read from its InputStream, on a bounded executor of
 * the caller's own. The HttpClient's internal tasks run on a cached pool as in (a), on a fixed pool
 * of two threads (what K2StoreClient uses), or ("direct") on the thread that hands them over (its
 * selector thread), which saves a hand-off per answer.
 */
final class JdkBlockingTransport implements CandidateTransport {

    private final String base;
    private final BoundedCalls calls;
    private final ExecutorService internal;
    private final HttpClient http;
    private final String name;

    /** Where the HttpClient runs its internal tasks. */
    enum Internal {
        CACHED, FIXED_2, DIRECT
    }

    JdkBlockingTransport(String base, int maxInFlight, Internal internalThreads) {
        this.base = base;
        this.calls = new BoundedCalls("jdk-send", maxInFlight);
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "jdk-internal");
            thread.setDaemon(true);
            return thread;
        };
        this.internal = switch (internalThreads) {
            case CACHED -> Executors.newCachedThreadPool(factory);
            case FIXED_2 -> Executors.newFixedThreadPool(2, factory);
            case DIRECT -> null;
        };
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(internal == null ? Runnable::run : internal).build();
        this.name = switch (internalThreads) {
            case CACHED -> "jdk-send";
            case FIXED_2 -> "jdk-send-fixed2";
            case DIRECT -> "jdk-send-direct";
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<byte[]> call(Request request) {
        return calls.submit(() -> {
            HttpResponse<InputStream> response = http.send(JdkAsyncTransport.request(base, request), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                return JdkAsyncTransport.ok(response.statusCode(), body.readAllBytes());
            }
        });
    }

    @Override
    public void close() {
        calls.close();
        if (internal != null) {
            internal.shutdownNow();
        }
    }
}
