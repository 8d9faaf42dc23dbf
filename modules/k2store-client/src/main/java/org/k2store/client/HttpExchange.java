package org.k2store.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * An {@link Exchange} through the JDK's {@link HttpClient} and its blocking {@code send}: for TLS, a
 * proxy, or a client the caller configured ({@link SocketExchange} serves plain HTTP otherwise).
 */
final class HttpExchange implements Exchange {

    private final HttpClient http;
    private final String authorization;
    private final Duration requestTimeout;
    private final AttemptDeadlines deadlines;

    HttpExchange(HttpClient http, String token, Duration requestTimeout, AttemptDeadlines deadlines) {
        this.http = http;
        this.authorization = token == null ? null : "Bearer " + token;
        this.requestTimeout = requestTimeout;
        this.deadlines = deadlines;
    }

    @Override
    public <T> Reply<T> send(String base, HttpTransport.Call<T> call) throws IOException {
        HttpRequest request = request(base, call);
        AttemptDeadlines.Deadline deadline = deadlines.start();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                deadline.watch(body);
                return Reply.of(call, response.statusCode(), body, response.headers().firstValue("Retry-After"));
            }
        } catch (InterruptedException | IOException e) {
            if (deadline.end()) {
                throw new HttpTimeoutException("the answer did not arrive whole within " + requestTimeout);
            }
            if (e instanceof InterruptedException) { // only close() interrupts a call thread: the client stops
                throw new InterruptedIOException("the client was closed during the call");
            }
            throw (IOException) e;
        } finally {
            deadline.end();
        }
    }

    private HttpRequest request(String base, HttpTransport.Call<?> call) {
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
