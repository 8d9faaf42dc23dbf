package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * One tenant: who it is, the SHA-256 hashes of its bearer tokens (never the tokens: a leaked config
 * file must not grant access; {@code hash-token} prints the hash), and the spaces it may use, as
 * base64url space ids or glob patterns where {@code *} matches any run of characters. The optional
 * {@code requestsPerSecond} and {@code maxInFlightRequests} override the limits.tenant* defaults
 * for this tenant (a bigger customer, a batch importer), {@code maxSpaces} limits.maxSpacesPerTenant.
 */
public final class TenantConfig {

    @NotEmpty
    @JsonProperty
    private String name;

    @NotEmpty
    @JsonProperty
    private List<@Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a SHA-256 hex hash (see the hash-token command)") String>
            tokenSha256 = new ArrayList<>();

    @JsonProperty
    private List<@NotEmpty String> spaces = new ArrayList<>();

    /** Null: limits.tenantRequestsPerSecond. */
    @DecimalMin(value = "0", inclusive = false)
    @JsonProperty
    private Double requestsPerSecond;

    /** Null: limits.tenantMaxInFlightRequests. */
    @Min(1)
    @JsonProperty
    private Integer maxInFlightRequests;

    /** Null: limits.maxSpacesPerTenant; -1: no limit. */
    @Min(-1)
    @JsonProperty
    private Integer maxSpaces;

    public TenantConfig() {
    }

    public TenantConfig(String name, List<String> tokenSha256, List<String> spaces) {
        this.name = name;
        this.tokenSha256 = new ArrayList<>(tokenSha256);
        this.spaces = new ArrayList<>(spaces);
    }

    public String getName() {
        return name;
    }

    public List<String> getTokenSha256() {
        return tokenSha256;
    }

    public List<String> getSpaces() {
        return spaces;
    }

    public Double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public Integer getMaxInFlightRequests() {
        return maxInFlightRequests;
    }

    public Integer getMaxSpaces() {
        return maxSpaces;
    }
}
