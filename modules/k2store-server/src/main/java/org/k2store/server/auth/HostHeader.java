package org.k2store.server.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Host header read as a name and an optional port, purely textually: names are never resolved,
 * so no DNS answer can change what a request is taken to be addressed to.
 */
public record HostHeader(String name, boolean bracketed) {

    // Compiled once: every API and admin request checks its Host.
    private static final Pattern V6_INNER = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern OCTET = Pattern.compile("\\d{1,3}");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}");

    /** The host of a well-formed header ({@code name}, {@code name:port}, {@code [v6]}, {@code [v6]:port}), lower-cased. */
    public static Optional<HostHeader> parse(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            String inner = close > 1 ? value.substring(1, close) : "";
            return !inner.isEmpty() && V6_INNER.matcher(inner).matches() && isPortOrNothing(value.substring(close + 1))
                    ? Optional.of(new HostHeader(inner, true)) : Optional.empty();
        }
        int colon = value.indexOf(':');
        if (colon >= 0) {
            if (!isPortOrNothing(value.substring(colon))) {
                return Optional.empty();
            }
            value = value.substring(0, colon);
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(new HostHeader(value, false));
    }

    /** An IP address written out (v4 dotted quad, or a bracketed v6), not a name. */
    public boolean isIpLiteral() {
        return bracketed || isIpv4();
    }

    public boolean isIpv4() {
        if (bracketed) {
            return false;
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!OCTET.matcher(part).matches() || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPortOrNothing(String rest) {
        return rest.isEmpty() || PORT.matcher(rest).matches();
    }
}
