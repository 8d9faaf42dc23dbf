package org.k2store.server.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.k2store.server.config.AuthConfig;
import org.k2store.server.config.TenantConfig;

/**
 * Resolves an {@code Authorization} header to a tenant. A missing header is the anonymous tenant
 * only when anonymous loopback access is enabled AND the request plainly comes from this machine
 * ({@link LoopbackRequest}); a header that is present is always checked, so a wrong token never
 * silently falls back to anonymous.
 */
public final class Tenants {

    private final Map<String, Tenant> byTokenHash = new HashMap<>();
    private final boolean anonymousAllowed;

    public Tenants(AuthConfig config) {
        this.anonymousAllowed = config.isAllowAnonymousOnLoopback();
        for (TenantConfig tenant : config.getTenants()) {
            Tenant value = new Tenant(tenant.getName(), tenant.getSpaces().stream().map(SpacePattern::parse).toList());
            for (String hash : tenant.getTokenSha256()) {
                Tenant previous = byTokenHash.put(hash.toLowerCase(Locale.ROOT), value);
                if (previous != null) {
                    throw new IllegalArgumentException("auth.tenants: a token hash is listed for both " + previous.name()
                            + " and " + value.name());
                }
            }
        }
    }

    /** The tenant of a request, or empty when it must be answered 401; {@code header} looks request headers up by name. */
    public Optional<Tenant> authenticate(UnaryOperator<String> header) {
        String authorization = header.apply("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return anonymousAllowed && LoopbackRequest.isPlainLoopback(header) ? Optional.of(Tenant.ANONYMOUS) : Optional.empty();
        }
        return BearerToken.of(authorization).map(token -> byTokenHash.get(TokenHashes.sha256Hex(token)));
    }
}
