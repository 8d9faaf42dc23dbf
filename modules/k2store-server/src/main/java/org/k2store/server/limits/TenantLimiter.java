package org.k2store.server.limits;

import com.google.common.util.concurrent.RateLimiter;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.k2store.server.errors.ApiErrors;

/**
 * One tenant's share of the service: a request rate (Guava's RateLimiter) and a cap on its requests
 * in progress (a Semaphore). Both are tried, never waited for: a request thread parked on a permit
 * is a thread the other tenants cannot use, so a tenant over its share is told to come back later.
 */
public final class TenantLimiter {

    private final String who;
    private final String rateSetting;
    private final String capSetting;
    private final double requestsPerSecond;
    private final int maxInFlight;
    private final RateLimiter rate;
    private final Semaphore inFlight;
    private final int retryAfterSeconds;

    TenantLimiter(String tenant, double requestsPerSecond, int maxInFlight, int retryAfterSeconds) {
        this("tenant '" + tenant + "'", "limits.tenantRequestsPerSecond", "limits.tenantMaxInFlightRequests", requestsPerSecond,
                maxInFlight, retryAfterSeconds);
    }

    /** The same share for callers that are not a tenant: {@code who} and the settings name them in refusals. */
    TenantLimiter(String who, String rateSetting, String capSetting, double requestsPerSecond, int maxInFlight, int retryAfterSeconds) {
        this.who = who;
        this.rateSetting = rateSetting;
        this.capSetting = capSetting;
        this.requestsPerSecond = requestsPerSecond;
        this.maxInFlight = maxInFlight;
        this.rate = RateLimiter.create(requestsPerSecond);
        this.inFlight = new Semaphore(maxInFlight);
        // A rate below one request per second needs a longer wait than the service-wide default.
        this.retryAfterSeconds = Math.max(retryAfterSeconds, (int) Math.ceil(1 / requestsPerSecond));
    }

    /** A refusal: the error reason, the message naming the limit, and the Retry-After in seconds. */
    public record Rejection(String reason, String message, int retryAfterSeconds) {
    }

    /** Empty when the request may run; then {@link #exit()} must follow when it has finished. */
    public Optional<Rejection> tryEnter() {
        // The cap first: a request refused for it must not spend a token of the rate.
        if (!inFlight.tryAcquire()) {
            return Optional.of(new Rejection(ApiErrors.CONCURRENCY_LIMITED, capSetting + ": " + who
                    + " already has " + maxInFlight + " requests in progress; retry after " + retryAfterSeconds + " s",
                    retryAfterSeconds));
        }
        if (!rate.tryAcquire()) {
            inFlight.release();
            return Optional.of(new Rejection(ApiErrors.RATE_LIMITED, rateSetting + ": " + who
                    + " is over its rate of " + format(requestsPerSecond) + " requests per second; retry after "
                    + retryAfterSeconds + " s", retryAfterSeconds));
        }
        return Optional.empty();
    }

    public void exit() {
        inFlight.release();
    }

    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
