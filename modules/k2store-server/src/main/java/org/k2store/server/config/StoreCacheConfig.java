package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The in-process cache of open stores, one per space. A space's store must stay the same object
 * while it is in use (its stored_at sequence keeps a batch's stamps distinct), so entries expire
 * only after a long idle time.
 */
public final class StoreCacheConfig {

    @Min(1)
    @JsonProperty
    private long maximumSpaces = 100_000;

    /**
     * Spaces with their own request and ops-stored counters at once (the most recently used ones,
     * among existing spaces only): per-space series are bounded whatever clients name.
     */
    @Min(1)
    @JsonProperty
    private long maximumMeteredSpaces = 1_000;

    @NotNull
    @JsonProperty
    private Duration expireAfterAccess = Duration.ofMinutes(30);

    /**
     * How long an open store is served before its uid is re-read from the {@code spaces} row: the
     * bound on how long a space dropped through another node is still served here.
     */
    @NotNull
    @JsonProperty
    private Duration revalidateAfter = Duration.ofSeconds(5);

    public Duration getRevalidateAfter() {
        return revalidateAfter;
    }

    public long getMaximumSpaces() {
        return maximumSpaces;
    }

    public long getMaximumMeteredSpaces() {
        return maximumMeteredSpaces;
    }

    public Duration getExpireAfterAccess() {
        return expireAfterAccess;
    }
}
