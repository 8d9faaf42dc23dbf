package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may use the admin port (health, metrics, threads, tasks such as drop-space). By default only
 * requests addressed to an IP literal or localhost, never cross-site: a web page cannot reach it
 * through a name that rebinds to this machine, nor post a form to it. {@code allowedHostNames}
 * adds names a deployment reaches it by; {@code tokenSha256}, when set, is a credential every
 * admin request needs except the probes ({@code /ping}, {@code /ready}, {@code /healthcheck}).
 */
public final class AdminConfig {

    @NotNull
    @JsonProperty
    private List<String> allowedHostNames = new ArrayList<>();

    @NotNull
    @JsonProperty
    private List<String> tokenSha256 = new ArrayList<>();

    public List<String> getAllowedHostNames() {
        return allowedHostNames;
    }

    public List<String> getTokenSha256() {
        return tokenSha256;
    }
}
