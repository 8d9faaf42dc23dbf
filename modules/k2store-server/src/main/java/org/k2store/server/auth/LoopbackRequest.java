package org.k2store.server.auth;

import java.util.List;
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
        return HostHeader.parse(host).filter(parsed -> parsed.bracketed() ? parsed.name().equals("::1")
                : parsed.name().equals("localhost") || (parsed.isIpv4() && parsed.name().startsWith("127."))).isPresent();
    }
}
