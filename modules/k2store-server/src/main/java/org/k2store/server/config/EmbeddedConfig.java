package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * The single Cassandra node the service starts itself when no contact points are configured, so a
 * fresh clone serves requests with one command. Its data survives restarts in {@code dataDirectory}.
 */
public final class EmbeddedConfig {

    @NotEmpty
    @JsonProperty
    private String dataDirectory = "./data/cassandra";

    /** CQL port of the node; 0 picks a free one. */
    @Min(0)
    @Max(65535)
    @JsonProperty
    private int nativePort = 9042;

    @NotEmpty
    @Pattern(regexp = "\\d+[mMgG]")
    @JsonProperty
    private String heap = "1g";

    public String getDataDirectory() {
        return dataDirectory;
    }

    public int getNativePort() {
        return nativePort;
    }

    public String getHeap() {
        return heap;
    }
}
