package org.k2store.server.auth;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Whether a request plainly comes from this machine to this machine: its Host names a loopback
 * address literally (localhost, 127.0.0.0/8, [::1]) and no proxy forwarded it. Binding loopback is
 * not enough for token-less access: a page on a name that rebinds to 127.0.0.1 sends its own Host,
 * and a local reverse proxy adds forwarding headers for requests from anywhere. Names are never
 * resolved here, so no DNS answer can make a name loopback.
 */
public final class LoopbackRequest {

    static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
            "X-Real-IP", "Via", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP");

    private LoopbackRequest() {
    }

    /** {@code header} looks a request header up by name (null when absent). */
    public static boolean isPlainLoopback(UnaryOperator<String> header) {
        for (String name : FORWARDING_HEADERS) {
            if (header.apply(name) != null) {
                return false;
            }
        }
        return isLoopbackHost(header.apply("Host"));
    }

    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            return close > 0 && name.substring(1, close).equals("::1") && isPortOrNothing(name.substring(close + 1));
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            if (!isPortOrNothing(name.substring(colon))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return name.equals("localhost") || isLoopbackIpv4(name);
    }

    private static boolean isPortOrNothing(String rest) {
        return rest.isEmpty() || rest.matches(":\\d{1,5}");
    }

    private static boolean isLoopbackIpv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
