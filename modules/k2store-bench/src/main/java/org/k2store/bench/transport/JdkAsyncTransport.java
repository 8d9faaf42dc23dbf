package org.k2store.bench.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** (a) The client as it was: java.net.http's sendAsync, whole answers buffered, a cached pool for its tasks. */
final class JdkAsyncTransport implements CandidateTransport {

    private final String base;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "jdk-async");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads).build();

    JdkAsyncTransport(String base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "jdk-sendAsync";
    }

    static HttpRequest request(String base, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path())).header("Accept", "application/json");
        if (request.body() == null) {
            return builder.GET().build();
        }
        return builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(request.body())).build();
    }

    static byte[] ok(int status, byte[] body) throws IOException {
        if (status != 200) {
            throw new IOException("HTTP " + status);
        }
        return body;
    }

    @Override
    public CompletableFuture<byte[]> call(Request request) {
        return http.sendAsync(request(base, request), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return response.body();
        });
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
