package org.k2store.server.auth;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.k2store.server.config.AuthConfig;
import org.k2store.server.config.TenantConfig;

/**
 * The start-up check behind the shipped examples: the repository's docs, config.yml and deploy/
 * manifests show token hashes whose tokens are public, and a copied example must not become a
 * working credential. The service refuses to start when a tenant lists the hash of one of them.
 */
public final class ShippedTokens {

    /** Every example token the repository publishes (or whose hash it shows), by its SHA-256 hex hash. */
    private static final Map<String, String> TOKEN_BY_HASH = Stream.of(
                    "change-me",            // deploy/kubernetes/base/k2store.yaml, the tenants Secret
                    "CHANGE-ME",
                    "test",                 // config.yml's commented tenant
                    "alice-example-token",  // README.md's auth example
                    "bob-example-token")
            .collect(Collectors.toUnmodifiableMap(TokenHashes::sha256Hex, token -> token));

    private ShippedTokens() {
    }

    /** True when {@code sha256Hex} is the hash of a token published in this repository. */
    public static boolean isShipped(String sha256Hex) {
        return TOKEN_BY_HASH.containsKey(sha256Hex.toLowerCase(Locale.ROOT));
    }

    /** Throws IllegalStateException naming the first tenant that lists a published example token's hash. */
    public static void check(AuthConfig auth) {
        for (TenantConfig tenant : auth.getTenants()) {
            for (String hash : tenant.getTokenSha256()) {
                String token = TOKEN_BY_HASH.get(hash.toLowerCase(Locale.ROOT));
                if (token != null) {
                    throw new IllegalStateException("refusing to start: tenant '" + tenant.getName() + "' lists the hash of the example token \""
                            + token + "\", which is published in k2store's docs and manifests, so anyone could use it;"
                            + " make a token of your own with the hash-token command and list its hash instead");
                }
            }
        }
    }
}
