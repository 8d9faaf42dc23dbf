package org.k2store.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.SpaceSettings;

/**
 * A JVM host's handle on a k2store service: creates and inspects spaces and opens the
 * {@link RemoteOpStore} of a space. One instance per service and credential; it shares one pooled,
 * asynchronous {@link HttpClient} among all the stores it opens. Thread-safe.
 *
 * <pre>{@code
 * K2StoreClient client = K2StoreClient.builder(URI.create("http://127.0.0.1:8080")).token(token).build();
 * SpaceId space = SpaceId.of(spaceHashBytes);
 * client.createSpace(space, SpaceSettings.KITSUNE2_MEMORY).join();
 * OpStore store = client.store(space);
 * }</pre>
 */
public final class K2StoreClient {

    private final HttpTransport transport;
    private final int maxIdsPerRequest;

    private K2StoreClient(Builder builder) {
        HttpClient http = builder.httpClient != null ? builder.httpClient
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(builder.connectTimeout).build();
        this.transport = new HttpTransport(http, new Endpoints(builder.baseUris), builder.token, builder.requestTimeout, builder.retryPolicy);
        this.maxIdsPerRequest = builder.maxIdsPerRequest;
    }

    public static Builder builder(URI baseUri) {
        return new Builder(List.of(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /**
     * A client of several instances of one service (same Cassandra): calls go to the first, and move
     * on to the next when an instance stops answering, so the caller rides out an instance's death.
     */
    public static Builder builder(List<URI> baseUris) {
        return new Builder(List.copyOf(baseUris));
    }

    /** Creates the space, or confirms it exists with the same settings; a SpaceConflictException otherwise. */
    public CompletableFuture<CreatedSpace> createSpace(SpaceId space, SpaceSettings settings) {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(settings, "settings");
        byte[] body = WireJson.write(json -> {
            json.writeStringField("codec", settings.codec().wireName());
            json.writeStringField("location", settings.location().wireName());
        });
        return transport.send(new HttpTransport.Call("create_space", "PUT", "/v1/spaces/" + space.base64(), body, Set.of(200, 201), space))
                .thenApply(answer -> new CreatedSpace(Answers.space("create_space", answer.body()).settings(), answer.status() == 201));
    }

    /** The space's settings and op count; an UnknownSpaceException when it was never created. */
    public CompletableFuture<SpaceInfo> getSpace(SpaceId space) {
        Objects.requireNonNull(space, "space");
        return transport.send(new HttpTransport.Call("get_space", "GET", "/v1/spaces/" + space.base64(), null, Set.of(200), space))
                .thenApply(answer -> Answers.space("get_space", answer.body()));
    }

    /** The store of {@code space}. Opening is free; calls fail with UnknownSpaceException until the space exists. */
    public RemoteOpStore store(SpaceId space) {
        return new RemoteOpStore(transport, Objects.requireNonNull(space, "space"), maxIdsPerRequest);
    }

    /** Settings of a client; only the base URI is required. */
    public static final class Builder {

        private final List<URI> baseUris;
        private String token;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private int maxIdsPerRequest = 10_000;

        private Builder(List<URI> baseUris) {
            if (baseUris.isEmpty()) {
                throw new IllegalArgumentException("at least one service base URI is needed");
            }
            this.baseUris = baseUris;
        }

        /** The bearer token of the tenant; none for a service that allows anonymous loopback callers. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** A client of the caller's own (proxy, TLS, executor); by default one HTTP/1.1 client per K2StoreClient. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long one attempt of a call may take before it counts as unanswered (and may be retried). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** Id lists longer than this are sent in several calls; keep it at or below the service's limits.maxIdsPerRequest. */
        public Builder maxIdsPerRequest(int maxIdsPerRequest) {
            if (maxIdsPerRequest < 1) {
                throw new IllegalArgumentException("maxIdsPerRequest must be at least 1");
            }
            this.maxIdsPerRequest = maxIdsPerRequest;
            return this;
        }

        public K2StoreClient build() {
            return new K2StoreClient(this);
        }
    }
}
