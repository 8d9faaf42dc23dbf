package org.k2store.client;

import org.k2store.api.Base64Url;

/**
 * A space as the API names it: its raw bytes as base64url without padding. Built from bytes or
 * parsed from text, always kept in the canonical form so that one space has one path.
 */
public record SpaceId(String base64) {

    public SpaceId {
        base64 = Base64Url.encode(Base64Url.decode(base64, "space"));
        if (base64.isEmpty()) {
            throw new IllegalArgumentException("space: must not be empty");
        }
    }

    public static SpaceId of(byte[] bytes) {
        return new SpaceId(Base64Url.encode(bytes));
    }

    public static SpaceId parse(String base64) {
        return new SpaceId(base64);
    }

    public byte[] bytes() {
        return Base64Url.decode(base64, "space");
    }

    @Override
    public String toString() {
        return base64;
    }
}
