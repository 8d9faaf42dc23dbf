package org.k2store.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tokens are kept only as SHA-256 hex hashes: the configuration never holds a usable credential,
 * and a request's token is hashed before it is looked up. Tokens are long random strings, so a
 * plain (unsalted, fast) hash is enough; this is not a password store.
 */
public final class TokenHashes {

    private TokenHashes() {
    }

    public static String sha256Hex(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
