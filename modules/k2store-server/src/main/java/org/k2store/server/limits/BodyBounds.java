package org.k2store.server.limits;

import java.time.Duration;
import org.k2store.server.config.LimitsConfig;

/**
 * What one request body may cost: its size, its whole time from the first read, and the slowest
 * rate the service waits for it at. The rate counts only time spent blocked in reads, after a grace
 * second, so a small body that had long arrived when the service got to read it is never "slow".
 */
record BodyBounds(long maxBytes, Duration deadline, long minBytesPerSecond) {

    static final long GRACE_NANOS = 1_000_000_000L;

    static BodyBounds of(LimitsConfig limits) {
        return new BodyBounds(limits.getMaxBodyBytes(), limits.getBodyDeadline(), limits.getMinBodyBytesPerSecond());
    }

    /** Whether {@code bytes} in {@code waitedNanos} of waiting is slower than allowed. */
    boolean tooSlow(long bytes, long waitedNanos) {
        return minBytesPerSecond > 0 && waitedNanos > GRACE_NANOS && bytes * 1_000_000_000.0 / waitedNanos < minBytesPerSecond;
    }
}
