package org.k2store.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.k2store.server.config.AdminConfig;
import org.k2store.server.config.AuthConfig;
import org.k2store.server.config.ClusterConfig;
import org.k2store.server.config.EmbeddedConfig;
import org.k2store.server.config.CassandraHealthConfig;
import org.k2store.server.config.LimitsConfig;
import org.k2store.server.config.StoreCacheConfig;

/**
 * The whole configuration, one typed section per concern, as documented in {@code config.yml}
 * (every value there can be overridden from the environment). Durations are ISO-8601 (PT10S).
 * ({@code health}, {@code metrics} and {@code admin} are Dropwizard's own sections, hence
 * {@code cassandraHealth} and {@code adminAccess}.)
 */
public final class K2StoreConfiguration extends Configuration {

    @Valid
    @NotNull
    @JsonProperty
    private ClusterConfig cassandra = new ClusterConfig();

    @Valid
    @NotNull
    @JsonProperty
    private EmbeddedConfig embedded = new EmbeddedConfig();

    @Valid
    @NotNull
    @JsonProperty
    private LimitsConfig limits = new LimitsConfig();

    @Valid
    @NotNull
    @JsonProperty
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    @JsonProperty
    private AdminConfig adminAccess = new AdminConfig();

    @Valid
    @NotNull
    @JsonProperty
    private CassandraHealthConfig cassandraHealth = new CassandraHealthConfig();

    @Valid
    @NotNull
    @JsonProperty
    private StoreCacheConfig storeCache = new StoreCacheConfig();

    public ClusterConfig getCassandra() {
        return cassandra;
    }

    public EmbeddedConfig getEmbedded() {
        return embedded;
    }

    public LimitsConfig getLimits() {
        return limits;
    }

    public AuthConfig getAuth() {
        return auth;
    }

    public AdminConfig getAdminAccess() {
        return adminAccess;
    }

    public CassandraHealthConfig getCassandraHealth() {
        return cassandraHealth;
    }

    public StoreCacheConfig getStoreCache() {
        return storeCache;
    }
}
