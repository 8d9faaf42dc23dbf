package org.k2store.api;

import java.util.Base64;

/** Bytes on the wire are base64url without padding; one place decodes them and names the field. */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes base64url (padding tolerated); a malformed value is an {@link InvalidInputException}. */
    public static byte[] decode(String text, String field) {
        if (text == null) {
            throw new InvalidInputException(field + ": missing (expected base64url bytes)");
        }
        try {
            return DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + ": not base64url without padding (" + e.getMessage() + ")");
        }
    }
}
