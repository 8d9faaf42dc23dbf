package org.k2store.server.auth;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), if it has one. */
public final class BearerToken {

    private BearerToken() {
    }

    public static Optional<String> of(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
