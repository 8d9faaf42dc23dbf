package org.k2store.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long the client waits before sending a call again. Bounded on purpose: a
 * kitsune2 host has its own loops (gossip rounds, fetch queues) that retry later anyway, so the
 * client only rides out short overloads and restarts, and honours the service's Retry-After.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** 4 attempts, 100 ms doubling to at most 2 s, and a Retry-After of up to 10 s is waited out. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10));

    /** One attempt: errors reach the caller at once. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        for (Duration d : new Duration[] {initialBackoff, maxBackoff, maxRetryAfter}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("retry durations must be given and not negative");
            }
        }
    }

    /**
     * The pause before attempt {@code failedAttempts + 1}, or empty when the call must fail now:
     * attempts are spent, or the service asked for a longer pause than this policy waits.
     */
    public Optional<Duration> pauseAfter(int failedAttempts, Optional<Duration> retryAfter) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(maxRetryAfter) <= 0 ? retryAfter : Optional.empty();
        }
        long base = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
        long capped = Math.min(Math.max(base, 0), maxBackoff.toMillis());
        // "Equal jitter": at least half the backoff, so clients that failed together spread out.
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped - capped / 2 + 1);
        return Optional.of(Duration.ofMillis(jittered));
    }
}
