package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * What one request may ask of the service. Every answer except a time slice is bounded by these
 * (a time slice has no byte limit by contract, so it is streamed instead), which bounds the memory
 * a request can take; the in-flight cap bounds how many such requests run at once.
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

    /** Largest {@code limit_bytes} of a bounded query (kitsune2 gossip asks up to 100 MiB); above it is a 400. */
    @Min(1)
    @Max(4_294_967_295L)
    @JsonProperty
    private long maxLimitBytes = 100L * 1024 * 1024;

    /** Ids fetched from Cassandra per step while a time slice streams. */
    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    private int timeSliceChunkIds = 5_000;

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
     * Requests without a valid token, per client address: they never reach a tenant's limits, so
     * without these a caller with no credential could take the whole service's in-flight budget.
     */
    @DecimalMin(value = "0", inclusive = false)
    @JsonProperty
    private double unauthenticatedRequestsPerSecond = 200;

    @Min(1)
    @JsonProperty
    private int unauthenticatedMaxInFlightRequests = 16;

    /** Client addresses whose unauthenticated limits are remembered at once (least recently seen go first). */
    @Min(1)
    @JsonProperty
    private int unauthenticatedAddresses = 10_000;

    /**
     * The longest a request body may take to arrive, from its first read: with Jetty's minimum data
     * rate it keeps a slow upload from holding its tenant's permits. 408 after.
     */
    @NotNull
    @JsonProperty
    private Duration bodyDeadline = Duration.ofSeconds(30);

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

    public long getMaxLimitBytes() {
        return maxLimitBytes;
    }

    public int getTimeSliceChunkIds() {
        return timeSliceChunkIds;
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

    public double getUnauthenticatedRequestsPerSecond() {
        return unauthenticatedRequestsPerSecond;
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

    public int getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }
}
