package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * What one request may ask of the service. Every answer except a time slice and a bounded page is
 * bounded by these (a time slice has no byte limit by contract, and a bounded page may take any u32
 * budget, so both are streamed a step at a time instead), which bounds the memory
 * a request can take; the in-flight caps bound how many such requests run at once, and
 * maxBytesInFlight the bodies and answer steps all of them hold together.
 */
public final class LimitsConfig {

    /** Largest request body, in bytes; checked from Content-Length and again while reading. */
    @Min(1024)
    @JsonProperty
    private long maxBodyBytes = 16L * 1024 * 1024;

    @Min(1)
    @JsonProperty
    private int maxOpsPerBatch = 1000;

    /** Most ids in one retrieve or filter request. */
    @Min(1)
    @JsonProperty
    private int maxIdsPerRequest = 10_000;

    /**
     * Ids read from the store per step while a bounded page streams. {@code limit_bytes} itself has
     * no service maximum: every u32 is served, as kitsune2 takes it, and this step bounds the memory.
     */
    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    private int boundedStepIds = 5_000;

    /** Ids fetched from Cassandra per step while a time slice streams. */
    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    private int timeSliceChunkIds = 5_000;

    /** The largest slice hash a tenant may store (kitsune2's are 32 bytes); 400 above. */
    @Min(1)
    @JsonProperty
    private int maxSliceHashBytes = 256;

    /** Most ops read from Cassandra per step while a retrieve_ops answer streams. */
    @Min(1)
    @Max(10_000)
    @JsonProperty
    private int retrieveChunkOps = 64;

    /**
     * About how many bytes of ops one step of a streamed retrieve_ops holds (at least one op): ops
     * can be 16 MiB each, so 64 of them would take a GiB of heap. Sizes are known only once read,
     * so the step adapts from the sizes of the last one.
     */
    @Min(1)
    @JsonProperty
    private long retrieveChunkBytes = 4L * 1024 * 1024;

    /** API requests served at once; more are answered 429 with Retry-After. */
    @Min(1)
    @JsonProperty
    private int maxInFlightRequests = 256;

    /**
     * Requests per second one tenant may make (Guava RateLimiter: about a second of unused rate is
     * saved up as a burst); more are answered 429. Overridable per tenant in auth.tenants.
     */
    @DecimalMin(value = "0", inclusive = false)
    @JsonProperty
    private double tenantRequestsPerSecond = 20_000;

    /** API requests one tenant may have in progress at once; more are answered 429. Overridable per tenant. */
    @Min(1)
    @JsonProperty
    private int tenantMaxInFlightRequests = 128;

    /**
     * Requests without a valid token in progress at once, per client address: they never reach a
     * tenant's limits, so without this a caller with no credential could take the whole service's
     * in-flight budget. (No rate: a 401 is cheap; it is the slots that matter.)
     */
    @Min(1)
    @JsonProperty
    private int unauthenticatedMaxInFlightRequests = 16;

    /** Client addresses whose unauthenticated limits are remembered at once (least recently seen go first). */
    @Min(1)
    @JsonProperty
    private int unauthenticatedAddresses = 10_000;

    /**
     * The longest a request body may take to arrive, from its first read: with
     * minBodyBytesPerSecond it keeps a slow upload from holding its tenant's permits. 408 after.
     */
    @NotNull
    @JsonProperty
    private Duration bodyDeadline = Duration.ofSeconds(30);

    /**
     * The slowest a body may arrive, measured over the time reads spend waiting for the client
     * (not from the first byte: a small body read late by the service is not slow). 0 turns it off.
     */
    @Min(0)
    @JsonProperty
    private long minBodyBytesPerSecond = 1024;

    /**
     * Bytes the service holds for requests at once, all together: each body is charged its
     * Content-Length (maxBodyBytes when it declares none) before anything reads it, and each step of
     * a streamed retrieve_ops answer its ops' bytes until written. The in-flight caps bound how many
     * requests run, not how much each holds. 0: an eighth of the heap (at least maxBodyBytes).
     */
    @Min(0)
    @JsonProperty
    private long maxBytesInFlight = 0;

    /** How long a body or a retrieve step waits for its bytes to fit in maxBytesInFlight before a 503 (or a cut answer). */
    @NotNull
    @JsonProperty
    private Duration bytesInFlightWait = Duration.ofSeconds(30);

    /**
     * API connections open at once, all clients together; past it the port stops accepting and idle
     * connections are closed after a second. 0: a connection per 32 KiB of heap (one holding half a
     * request took about 3.5 KiB, measured), at most half the process's file descriptors (the rest
     * serve Cassandra, logs and jars).
     */
    @Min(0)
    @JsonProperty
    private int maxConnections = 0;

    /**
     * API connections one client address may hold open at once; one more is closed as it opens.
     * 0: a quarter of maxConnections, so no one address takes the connections everyone else needs,
     * while a host (or a NAT gateway) opening a few thousand at once is still answered, not cut.
     * -1 turns it off (behind a proxy that connects from one address).
     */
    @Min(-1)
    @JsonProperty
    private int maxConnectionsPerAddress = 0;

    /**
     * The longest a request line and its headers may take to arrive, from the first byte seen of
     * them; the connection is closed after (a second while maxConnections is reached). Jetty's idle
     * timeout restarts with every byte, so without it a header trickled a byte a second holds its
     * connection for ever. 0 turns it off.
     */
    @NotNull
    @JsonProperty
    private Duration headerDeadline = Duration.ofSeconds(10);

    /**
     * Spaces one tenant may create (auth.tenants[].maxSpaces overrides it per tenant); one more is a
     * 403 space_quota_exceeded. A glob grant would otherwise let a tenant create spaces without end,
     * each a Paxos round, a row every glob listing scans and storage nobody agreed to. -1: no limit.
     */
    @Min(-1)
    @JsonProperty
    private int maxSpacesPerTenant = 10_000;

    @Min(1)
    @JsonProperty
    private int retryAfterSeconds = 1;

    /** How long a request waits for one store call before answering 503. */
    @NotNull
    @JsonProperty
    private Duration callTimeout = Duration.ofSeconds(60);

    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public int getMaxOpsPerBatch() {
        return maxOpsPerBatch;
    }

    public int getMaxIdsPerRequest() {
        return maxIdsPerRequest;
    }

    public int getBoundedStepIds() {
        return boundedStepIds;
    }

    public int getTimeSliceChunkIds() {
        return timeSliceChunkIds;
    }

    public int getMaxSliceHashBytes() {
        return maxSliceHashBytes;
    }

    public int getRetrieveChunkOps() {
        return retrieveChunkOps;
    }

    public long getRetrieveChunkBytes() {
        return retrieveChunkBytes;
    }

    public int getMaxInFlightRequests() {
        return maxInFlightRequests;
    }

    public double getTenantRequestsPerSecond() {
        return tenantRequestsPerSecond;
    }

    public int getTenantMaxInFlightRequests() {
        return tenantMaxInFlightRequests;
    }

    public int getUnauthenticatedMaxInFlightRequests() {
        return unauthenticatedMaxInFlightRequests;
    }

    public int getUnauthenticatedAddresses() {
        return unauthenticatedAddresses;
    }

    public Duration getBodyDeadline() {
        return bodyDeadline;
    }

    public long getMinBodyBytesPerSecond() {
        return minBodyBytesPerSecond;
    }

    /** maxBytesInFlight as configured, or an eighth of {@code heapBytes}; never below maxBodyBytes. */
    public long bytesInFlight(long heapBytes) {
        return Math.max(maxBodyBytes, maxBytesInFlight > 0 ? maxBytesInFlight : heapBytes / 8);
    }

    public Duration getBytesInFlightWait() {
        return bytesInFlightWait;
    }

    /** maxConnections as configured, or one per 32 KiB of {@code heapBytes} within half of {@code fileDescriptors} (0: unknown). */
    public int connections(long heapBytes, long fileDescriptors) {
        if (maxConnections > 0) {
            return maxConnections;
        }
        long byHeap = Math.max(64, heapBytes / (32 * 1024));
        long byFiles = fileDescriptors > 0 ? Math.max(64, fileDescriptors / 2) : byHeap;
        return (int) Math.min(Integer.MAX_VALUE, Math.min(byHeap, byFiles));
    }

    /** maxConnectionsPerAddress as configured, a quarter of {@code connections} for 0, or 0 (no cap) for -1. */
    public int connectionsPerAddress(int connections) {
        if (maxConnectionsPerAddress < 0) {
            return 0;
        }
        return maxConnectionsPerAddress > 0 ? maxConnectionsPerAddress : Math.max(1, connections / 4);
    }

    public Duration getHeaderDeadline() {
        return headerDeadline;
    }

    public int getMaxSpacesPerTenant() {
        return maxSpacesPerTenant;
    }

    public int getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }
}
