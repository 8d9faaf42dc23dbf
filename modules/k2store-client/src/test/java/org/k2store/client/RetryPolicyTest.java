package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retries are bounded, back off with jitter, and honour the service's Retry-After up to a cap. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));

    @Test
    void backsOffExponentiallyWithJitterUpToTheCap() {
        for (int i = 0; i < 50; i++) {
            assertThat(policy.pauseAfter(1, Optional.empty()).orElseThrow().toMillis()).isBetween(50L, 100L);
            assertThat(policy.pauseAfter(2, Optional.empty()).orElseThrow().toMillis()).isBetween(100L, 200L);
            assertThat(policy.pauseAfter(3, Optional.empty()).orElseThrow().toMillis()).isBetween(200L, 400L);
        }
        RetryPolicy many = new RetryPolicy(40, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));
        assertThat(many.pauseAfter(39, Optional.empty()).orElseThrow().toMillis()).isBetween(500L, 1000L);
    }

    @Test
    void stopsWhenAttemptsAreSpent() {
        assertThat(policy.pauseAfter(4, Optional.empty())).isEmpty();
        assertThat(RetryPolicy.NONE.pauseAfter(1, Optional.empty())).isEmpty();
    }

    @Test
    void waitsExactlyTheRetryAfterButNotLongerThanTheCap() {
        assertThat(policy.pauseAfter(1, Optional.of(Duration.ofSeconds(2)))).contains(Duration.ofSeconds(2));
        assertThat(policy.pauseAfter(1, Optional.of(Duration.ofSeconds(6)))).as("the caller decides").isEmpty();
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse(Optional.of("3"), clock)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse(Optional.of("Wed, 01 Jan 2025 00:00:07 GMT"), clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(Optional.of("Tue, 31 Dec 2024 23:00:00 GMT"), clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(Optional.of("soon"), clock)).isEmpty();
        assertThat(RetryAfter.parse(Optional.empty(), clock)).isEmpty();
    }
}
