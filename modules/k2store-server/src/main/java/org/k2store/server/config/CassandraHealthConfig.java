package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How often the Cassandra health check may really query the cluster: its result is cached for
 * {@code interval}, so a monitor polling the admin port never hammers Cassandra.
 */
public final class CassandraHealthConfig {

    @NotNull
    @JsonProperty
    private Duration interval = Duration.ofSeconds(10);

    @NotNull
    @JsonProperty
    private Duration timeout = Duration.ofSeconds(2);

    public Duration getInterval() {
        return interval;
    }

    public Duration getTimeout() {
        return timeout;
    }
}
