package org.k2store.server.admin;

import java.util.Locale;
import java.util.Set;

/**
 * Reads a Host header as name and optional port, and says whether it is an IP literal, localhost
 * or one of the allowed names. Purely textual: names are never resolved.
 */
final class HostHeader {

    private HostHeader() {
    }

    static boolean isAllowed(String host, Set<String> allowedNames) {
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 1 && isPortOrNothing(value.substring(close + 1)) && value.substring(1, close).matches("[0-9a-f:.]+");
        }
        int colon = value.indexOf(':');
        String name = value;
        if (colon >= 0) {
            if (!isPortOrNothing(value.substring(colon))) {
                return false;
            }
            name = value.substring(0, colon);
        }
        return name.equals("localhost") || isIpv4(name) || (!name.isEmpty() && allowedNames.contains(name));
    }

    private static boolean isPortOrNothing(String rest) {
        return rest.isEmpty() || rest.matches(":\\d{1,5}");
    }

    private static boolean isIpv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
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
