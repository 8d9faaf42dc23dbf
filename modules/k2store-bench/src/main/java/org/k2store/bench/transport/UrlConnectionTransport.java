package org.k2store.bench.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.CompletableFuture;

/**
 * (d) HttpURLConnection, on a bounded executor. Its keep-alive cache is per JVM and keeps
 * {@code http.maxConnections} (default 5) idle connections per server: the shootout raises it, which a
 * library embedded in a host could not do without changing the host's other HTTP calls.
 */
final class UrlConnectionTransport implements CandidateTransport {

    private final String base;
    private final BoundedCalls calls;

    UrlConnectionTransport(String base, int maxInFlight) {
        this.base = base;
        this.calls = new BoundedCalls("url-connection", maxInFlight);
    }

    @Override
    public String name() {
        return "HttpURLConnection";
    }

    @Override
    public CompletableFuture<byte[]> call(Request request) {
        return calls.submit(() -> {
            HttpURLConnection connection = (HttpURLConnection) new URL(base + request.path()).openConnection();
            connection.setRequestProperty("Accept", "application/json");
            if (request.body() != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(request.body().length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request.body());
                }
            }
            int status = connection.getResponseCode();
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return JdkAsyncTransport.ok(status, body == null ? new byte[0] : body.readAllBytes());
            }
        });
    }

    @Override
    public void close() {
        calls.close();
    }
}
