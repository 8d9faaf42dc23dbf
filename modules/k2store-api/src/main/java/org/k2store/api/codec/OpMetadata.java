package org.k2store.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.k2store.api.Base64Url;
import org.k2store.api.InvalidInputException;

/**
 * The optional metadata a sender gives with an incoming op: kitsune2 0.5's
 * {@code IncomingOp.metadata: Option<Bytes>}, opaque to the store (Holochain puts whether the
 * sender wants a validation receipt in it). On the wire it is base64url like all bytes; JSON
 * {@code null} or an empty value mean none. It is bounded so that what a sender makes the store hold
 * beside each op stays small: Holochain's is a few bytes.
 */
public final class OpMetadata {

    /** The largest metadata an op may carry; a larger one is a 400 naming the field. */
    public static final int MAX_BYTES = 1024;

    /** Base64url of MAX_BYTES, padding tolerated: anything longer is refused before it is decoded. */
    private static final int MAX_TEXT = (MAX_BYTES + 2) / 3 * 4;

    private OpMetadata() {
    }

    /** The metadata value the parser stands on; null for JSON null or an empty value. */
    static byte[] read(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(field + ": must be a base64url string (or null), got " + value);
        }
        return check(parser.getText(), field);
    }

    static byte[] check(String text, String field) {
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException(field + ": " + text.length() + " characters of base64url, more than the "
                    + MAX_BYTES + " bytes of metadata an op may carry");
        }
        byte[] metadata = Base64Url.decode(text, field);
        if (metadata.length > MAX_BYTES) {
            throw new InvalidInputException(field + ": " + metadata.length + " bytes, more than the " + MAX_BYTES
                    + " bytes of metadata an op may carry");
        }
        return metadata.length == 0 ? null : metadata;
    }
}
