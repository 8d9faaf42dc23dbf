package org.k2store.server;

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

/** Raw HTTP for tests that check what goes over the wire: statuses, headers, error bodies. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    /** An answer: status, headers and body text. */
    record Reply(int status, HttpResponse<String> response) {

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + response.body(), e);
            }
        }
    }

    Reply send(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)), method, token, contentType, body);
    }

    /** A GET with one more request header (Range, say). */
    Reply get(String path, String token, String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header(header, value), "GET", token, null, null);
    }

    private Reply send(HttpRequest.Builder request, String method, String token, String contentType,
            HttpRequest.BodyPublisher body) {
        request.timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Reply json(String method, String path, String token, String body) {
        return send(method, path, token, "application/json", HttpRequest.BodyPublishers.ofString(body));
    }
}
