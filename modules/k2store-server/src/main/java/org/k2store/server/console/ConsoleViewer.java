package org.k2store.server.console;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.k2store.server.auth.Tenant;
import org.k2store.server.auth.Tenants;

/**
 * Who is looking, for the console calls that have no space in their path. BearerAuthFilter has
 * already answered 401 to anyone without a valid token, but it keeps the tenant to itself, so the
 * header is resolved again here (a SHA-256 and a map lookup) to learn the tenant's grants.
 */
public final class ConsoleViewer {

    private final Tenants tenants;

    public ConsoleViewer(Tenants tenants) {
        this.tenants = tenants;
    }

    public Optional<Tenant> of(HttpHeaders headers) {
        return tenants.authenticate(headers::getHeaderString);
    }

    /**
     * Service-wide figures show every tenant's traffic together, so only a tenant granted every
     * space ({@code "*"}, the operator's grant, and the anonymous loopback tenant) may see them.
     */
    public static boolean seesWholeService(Tenant tenant) {
        return tenant.spaces().stream().anyMatch(pattern -> pattern.toString().equals("*"));
    }
}
