package org.k2store.server.admin;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.k2store.server.auth.BearerToken;
import org.k2store.server.auth.CrossSiteRequests;
import org.k2store.server.auth.HostHeader;
import org.k2store.server.auth.TokenHashes;
import org.k2store.server.config.AdminConfig;

/**
 * Decides whether a request may use the admin port. Three checks, each against a browser-borne
 * attack or an unwanted neighbour:
 * <ul>
 * <li>Host: an IP literal, localhost, or a configured name. A DNS-rebinding page always sends its
 * own name, and an IP-literal Host means the page came from this very port, so no name is ever
 * resolved here.</li>
 * <li>Cross-site: a request a browser marks as cross-site or same-site (Sec-Fetch-Site), or whose
 * Origin is not the Host it was sent to, is refused: tasks are POSTs a form on any page can send.</li>
 * <li>Credential, when configured: a bearer token whose SHA-256 is listed, except for the probes.</li>
 * </ul>
 */
public final class AdminRequestGuard {

    /** What a refused request is told; {@code status} is 401 for a missing credential, 403 otherwise. */
    public record Refusal(int status, String message) {
    }

    private static final Set<String> PROBE_PATHS = Set.of("/ping", "/ready", "/healthcheck");

    private final Set<String> allowedHostNames;
    private final Set<String> tokenHashes;

    public AdminRequestGuard(AdminConfig config) {
        this.allowedHostNames = config.getAllowedHostNames().stream().map(n -> n.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.tokenHashes = config.getTokenSha256().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Empty when the request may go on; {@code header} looks a request header up by name. */
    public Optional<Refusal> check(String path, UnaryOperator<String> header) {
        String host = header.apply("Host");
        if (!isAllowedHost(host)) {
            return Optional.of(new Refusal(403, "the admin port answers only requests addressed to an IP address, localhost"
                    + " or a name in admin.allowedHostNames"));
        }
        Optional<String> crossSite = CrossSiteRequests.refusal("admin port", host, header.apply("Origin"), header.apply("Sec-Fetch-Site"));
        if (crossSite.isPresent()) {
            return Optional.of(new Refusal(403, crossSite.get()));
        }
        if (!tokenHashes.isEmpty() && !PROBE_PATHS.contains(path) && !hasToken(header.apply("Authorization"))) {
            return Optional.of(new Refusal(401, "the admin port needs Authorization: Bearer <admin token>"));
        }
        return Optional.empty();
    }

    /** An IP literal, localhost, or a configured name: never a name a rebinding page could bring. */
    private boolean isAllowedHost(String host) {
        return HostHeader.parse(host).filter(parsed -> parsed.isIpLiteral() || parsed.name().equals("localhost")
                || allowedHostNames.contains(parsed.name())).isPresent();
    }

    private boolean hasToken(String authorization) {
        return BearerToken.of(authorization).map(token -> tokenHashes.contains(TokenHashes.sha256Hex(token))).orElse(false);
    }
}
