package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may call the API. With {@code allowAnonymousOnLoopback} (the development default) a request
 * without a token acts as a tenant allowed every space, and the service refuses to start unless
 * the API binds loopback addresses only; a request WITH a token is always checked.
 */
public final class AuthConfig {

    @JsonProperty
    private boolean allowAnonymousOnLoopback = true;

    @Valid
    @NotNull
    @JsonProperty
    private List<TenantConfig> tenants = new ArrayList<>();

    public boolean isAllowAnonymousOnLoopback() {
        return allowAnonymousOnLoopback;
    }

    public List<TenantConfig> getTenants() {
        return tenants;
    }
}
