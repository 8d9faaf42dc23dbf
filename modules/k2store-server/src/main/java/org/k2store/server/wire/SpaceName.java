package org.k2store.server.wire;

import org.k2store.api.Base64Url;
import org.k2store.api.InvalidInputException;

/**
 * A space id from a request path, as the Cassandra space name: the canonical base64url (no padding)
 * of its bytes. Decoding and re-encoding gives one name per space however the id was spelled, so
 * grants and stores agree on it.
 */
public final class SpaceName {

    /** 192 bytes of id; kitsune2 space ids are 32-byte hashes. */
    public static final int MAX_LENGTH = 256;

    private SpaceName() {
    }

    public static String parse(String text) {
        if (text != null && text.length() > MAX_LENGTH) {
            throw new InvalidInputException("space: longer than " + MAX_LENGTH + " characters");
        }
        byte[] bytes = Base64Url.decode(text, "space");
        if (bytes.length == 0) {
            throw new InvalidInputException("space: must not be empty");
        }
        return Base64Url.encode(bytes);
    }
}
