package org.k2store.client;

import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.k2store.api.SpaceSettings;

/**
 * A JVM host's handle on a k2store service: creates and inspects spaces and opens the
 * {@link RemoteOpStore} of a space. One instance per service and credential; it shares one pooled
 * {@link HttpClient} and a bounded set of call threads among all the stores it opens. Thread-safe.
 * Each call's HTTP exchange blocks one of the client's own call threads ({@code maxConcurrentCalls}
 * at once, {@code maxQueuedCalls} waiting), never the caller's; futures complete on those threads, so
 * a caller's dependent stages must not block (use the {@code *Async} stages for blocking work).
 *
 * <pre>{@code
 * K2StoreClient client = K2StoreClient.builder(URI.create("http://127.0.0.1:8080")).token(token).build();
 * SpaceId space = SpaceId.of(spaceHashBytes);
 * client.createSpace(space, SpaceSettings.KITSUNE2_MEMORY).join();
 * OpStore store = client.store(space);
 * }</pre>
 * Closing it refuses new calls, lets the calls in flight end (for at most the request timeout) and
 * then stops its call threads and the threads of the HTTP client it made (a client passed in is the
 * caller's to close).
 */
public final class K2StoreClient implements AutoCloseable {

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    /** Threads of the HTTP client this client makes (see the constructor). */
    private static final int HTTP_THREADS = 2;

    private final HttpTransport transport;
    private final RemoteOpStore.Limits limits;
    private final Duration requestTimeout;
    private final CallThreads callThreads;
    private final AttemptDeadlines deadlines;
    /** The HTTP client's own threads, when this client made it; null for a caller's own HTTP client. */
    private final ExecutorService httpThreads;
    /** The JDK client, for TLS, a proxy or a caller's own; null on plain direct HTTP. */
    private final HttpClient http;
    /** The socket exchange's idle connections, on plain direct HTTP; null otherwise. */
    private final SocketExchange sockets;

    private K2StoreClient(Builder builder) {
        String name = "k2store-client-" + CLIENTS.incrementAndGet();
        this.callThreads = new CallThreads(name, builder.maxConcurrentCalls, builder.maxQueuedCalls);
        this.deadlines = new AttemptDeadlines(name, builder.requestTimeout);
        Exchange exchange;
        if (builder.httpClient == null && plainAndDirect(builder.baseUris)) {
            // The common case (loopback, in-cluster): sockets read on the call threads, no HTTP client threads at all.
            this.http = null;
            this.httpThreads = null;
            this.sockets = new SocketExchange(builder.token, builder.connectTimeout, builder.requestTimeout, deadlines, builder.maxConcurrentCalls);
            exchange = sockets;
        } else if (builder.httpClient != null) {
            this.http = builder.httpClient;
            this.httpThreads = null;
            this.sockets = null;
            exchange = new HttpExchange(http, builder.token, builder.requestTimeout, deadlines);
        } else {
            // TLS or a proxy: the JDK client. Its internal tasks (a few per exchange, none blocking) need few threads.
            AtomicInteger threads = new AtomicInteger();
            this.httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, task -> {
                Thread thread = new Thread(task, name + "-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(builder.connectTimeout)
                    .executor(httpThreads).build();
            this.sockets = null;
            exchange = new HttpExchange(http, builder.token, builder.requestTimeout, deadlines);
        }
        this.transport = new HttpTransport(exchange, callThreads, new Endpoints(builder.baseUris), builder.retryPolicy);
        this.limits = new RemoteOpStore.Limits(builder.maxIdsPerRequest, builder.maxOpsPerRequest, builder.maxBodyBytesPerRequest);
        this.requestTimeout = builder.requestTimeout;
    }

    /** Every instance is plain http and reached without a proxy (the JVM's proxy selector says DIRECT). */
    private static boolean plainAndDirect(List<URI> baseUris) {
        ProxySelector proxies = ProxySelector.getDefault();
        for (URI uri : baseUris) {
            if (!"http".equalsIgnoreCase(uri.getScheme())) {
                return false;
            }
            if (proxies != null && proxies.select(uri).stream().anyMatch(proxy -> proxy.type() != Proxy.Type.DIRECT)) {
                return false;
            }
        }
        return true;
    }

    /** Refuses new calls, waits for those in flight (at most the request timeout), then stops this client's threads. */
    @Override
    public void close() {
        try {
            transport.closeAndDrain(requestTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callThreads.shutdown();
        deadlines.shutdown();
        if (sockets != null) {
            sockets.close();
        }
        if (httpThreads != null) {
            if (http instanceof AutoCloseable closeable) { // java.net.http.HttpClient is, from Java 21
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // its threads are ours and stop below
                }
            }
            httpThreads.shutdownNow();
        }
    }

    public static Builder builder(URI baseUri) {
        return new Builder(List.of(Objects.requireNonNull(baseUri, "baseUri")));
    }

    /**
     * A client of several instances of one service (same Cassandra): calls are spread over them in
     * turn, and an instance that stops answering is left out for a few seconds, so the caller rides
     * out an instance's death.
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
        return transport.send(new HttpTransport.Call<>("create_space", "PUT", "/v1/spaces/" + space.base64(), body, Set.of(200, 201), space,
                (status, answer) -> new CreatedSpace(Answers.space("create_space", answer).settings(), status == 201)));
    }

    /** The space's settings and op count; an UnknownSpaceException when it was never created. */
    public CompletableFuture<SpaceInfo> getSpace(SpaceId space) {
        Objects.requireNonNull(space, "space");
        return transport.send(new HttpTransport.Call<>("get_space", "GET", "/v1/spaces/" + space.base64(), null, Set.of(200), space,
                (status, answer) -> Answers.space("get_space", answer)));
    }

    /** The transport all of this client's calls go through (for tests of the wire). */
    HttpTransport transport() {
        return transport;
    }

    /** The store of {@code space}. Opening is free; calls fail with UnknownSpaceException until the space exists. */
    public RemoteOpStore store(SpaceId space) {
        return new RemoteOpStore(transport, Objects.requireNonNull(space, "space"), limits);
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
        private int maxOpsPerRequest = 1_000;
        private long maxBodyBytesPerRequest = 16L * 1024 * 1024;
        private int maxConcurrentCalls = 64;
        private int maxQueuedCalls = 1024;

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

        /**
         * A client of the caller's own (proxy, TLS, executor); by default one HTTP/1.1 client per
         * K2StoreClient. Exchanges on it still run on this client's call threads.
         */
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

        /** Op batches longer than this are sent in several calls; keep it at or below the service's limits.maxOpsPerBatch (1000). */
        public Builder maxOpsPerRequest(int maxOpsPerRequest) {
            if (maxOpsPerRequest < 1) {
                throw new IllegalArgumentException("maxOpsPerRequest must be at least 1");
            }
            this.maxOpsPerRequest = maxOpsPerRequest;
            return this;
        }

        /**
         * Op batches whose request body would be larger than this are sent in several calls; keep it at
         * or below the service's limits.maxBodyBytes (16 MiB). An op too large for it alone goes alone.
         */
        public Builder maxBodyBytesPerRequest(long maxBodyBytesPerRequest) {
            if (maxBodyBytesPerRequest < 1024) {
                throw new IllegalArgumentException("maxBodyBytesPerRequest must be at least 1024");
            }
            this.maxBodyBytesPerRequest = maxBodyBytesPerRequest;
            return this;
        }

        /**
         * How many HTTP exchanges run at once (each on a call thread of the client's, with a connection of
         * its own); more calls wait. Default 64.
         */
        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
            }
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        /**
         * How many calls may wait for one of the {@link #maxConcurrentCalls} exchanges; a call past that
         * fails at once with a ServiceUnavailableException (status 0) instead of queueing without bound.
         * Default 1024; 0 refuses every call that finds all exchanges busy.
         */
        public Builder maxQueuedCalls(int maxQueuedCalls) {
            if (maxQueuedCalls < 0) {
                throw new IllegalArgumentException("maxQueuedCalls must not be negative");
            }
            this.maxQueuedCalls = maxQueuedCalls;
            return this;
        }

        public K2StoreClient build() {
            return new K2StoreClient(this);
        }
    }
}
