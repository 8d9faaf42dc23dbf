package org.k2store.server.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * Tells a request a browser sent from another site: one the browser marks cross-site or same-site
 * (Sec-Fetch-Site), or whose Origin is not the Host it was sent to ({@code Origin: null} included).
 * Hosts and scripts send neither header, so they are never refused; a page on any site a user has
 * open can send both kinds of POST a form or fetch makes, so both ports refuse these before any
 * other work, whatever token or loopback address came with them.
 */
public final class CrossSiteRequests {

    private CrossSiteRequests() {
    }

    /** Why the request is refused, or empty when it is not cross-site; {@code port} names the port in the message. */
    public static Optional<String> refusal(String port, String host, String origin, String fetchSite) {
        if (fetchSite != null && (fetchSite.equalsIgnoreCase("cross-site") || fetchSite.equalsIgnoreCase("same-site"))) {
            return Optional.of("the " + port + " refuses cross-site requests (Sec-Fetch-Site: " + fetchSite + ")");
        }
        if (origin != null && (host == null || !isSameOrigin(origin, host))) {
            return Optional.of("the " + port + " refuses cross-site requests (Origin is not this host)");
        }
        return Optional.empty();
    }

    private static boolean isSameOrigin(String origin, String host) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        String target = host.strip().toLowerCase(Locale.ROOT);
        return value.equals("http://" + target) || value.equals("https://" + target);
    }
}
