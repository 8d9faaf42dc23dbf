package org.k2store.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.k2store.api.Base64Url;
import org.k2store.api.DecodedOp;
import org.k2store.api.InvalidInputException;
import org.k2store.api.OpId;
import org.k2store.api.Timestamp;

/**
 * Reads kitsune2's {@code MemoryOp}: {@code {"created_at": <i64>, "op_data": [<u8>, ...]}}. The id is
 * the first 32 bytes of {@code op_data}, zero-padded; the size is {@code op_data}'s length, not the
 * JSON's. Streams the array so a 1 MiB op does not become a million tree nodes. Unknown fields are
 * ignored, as serde does by default.
 *
 * <p>Or kitsune2 0.5's {@code IncomingOp} around one: {@code {"op_id": "<base64url>", "op_data":
 * "<base64url of the MemoryOp JSON>", "metadata": "<base64url>"}}, {@code op_id} and {@code metadata}
 * optional. The two forms are told apart by {@code op_data}: an array is a MemoryOp, a string with no
 * {@code created_at} beside it the IncomingOp form (so a MemoryOp keeps its meaning whatever other
 * fields it has, and a MemoryOp with a mistyped op_data is refused as before). The inner MemoryOp
 * is what is stored and what {@code retrieve_ops} returns, as kitsune2 stores {@code IncomingOp.op_data}.
 * A supplied id is used as is, not checked against the one the MemoryOp derives: kitsune2 keys an
 * incoming op by the id its sender gave (fetch passes the responder's {@code op_id} through, and its
 * memory store does not recompute it), and a store that refused a mismatch would make fetch
 * re-request that op forever. It must be 32 bytes, the length of every id in a kitsune2-memory space.
 */
final class MemoryOpDecoder {

    static final int ID_LENGTH = 32;

    private MemoryOpDecoder() {
    }

    static DecodedOp decode(byte[] raw, String field) {
        return decode(raw, field, true);
    }

    /** {@code incoming}: whether the IncomingOp form is allowed (not inside another one). */
    private static DecodedOp decode(byte[] raw, String field, boolean incoming) {
        if (raw == null) {
            throw new InvalidInputException(field + ": missing op bytes");
        }
        Long createdAt = null;
        byte[] opData = null;
        String wrapped = null;
        JsonToken opIdToken = null;
        String opId = null;
        JsonToken metadataToken = null;
        String metadata = null;
        try (JsonParser parser = Json.parser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(field, "a MemoryOp must be a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "created_at" -> createdAt = readCreatedAt(parser, value, field);
                    case "op_data" -> {
                        if (value == JsonToken.VALUE_STRING && incoming) {
                            wrapped = parser.getText();
                        } else {
                            opData = readBytes(parser, value, field);
                        }
                    }
                    // Kept as read: they mean something only in the IncomingOp form, known once op_data is seen.
                    case "op_id" -> {
                        opIdToken = value;
                        opId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        parser.skipChildren();
                    }
                    case "metadata" -> {
                        metadataToken = value;
                        metadata = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw invalid(field, "trailing content after the MemoryOp object");
            }
        } catch (StreamReadException e) {
            throw invalid(field, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw invalid(field, "not readable (" + e.getMessage() + ")");
        }
        if (wrapped != null) {
            if (createdAt != null) {
                // A MemoryOp with a mistyped op_data, as before: the IncomingOp form has no created_at of its own.
                throw invalid(field, "op_data must be an array of bytes (0..255), got VALUE_STRING (a base64url op_data makes an"
                        + " IncomingOp, whose MemoryOp inside carries created_at: it has none beside op_data)");
            }
            return incoming(field, wrapped, opIdToken, opId, metadataToken, metadata);
        }
        if (createdAt == null) {
            throw invalid(field, "created_at is missing");
        }
        if (opData == null) {
            throw invalid(field, "op_data is missing");
        }
        OpId id = OpId.of(Arrays.copyOf(opData, ID_LENGTH));
        return new DecodedOp(id, new Timestamp(createdAt), raw.clone(), opData.length);
    }

    /** The IncomingOp form: the MemoryOp inside op_data, under the supplied id when there is one. */
    private static DecodedOp incoming(String field, String wrapped, JsonToken opIdToken, String opId, JsonToken metadataToken,
            String metadata) {
        DecodedOp inner = decode(Base64Url.decode(wrapped, field + ".op_data"), field + ".op_data", false);
        OpId id = inner.opId();
        if (opIdToken != null && opIdToken != JsonToken.VALUE_NULL) {
            if (opId == null) {
                throw invalid(field + ".op_id", "must be a base64url string, got " + opIdToken);
            }
            id = OpId.fromBase64(opId, field + ".op_id");
            if (id.length() != ID_LENGTH) {
                throw invalid(field + ".op_id", "a kitsune2-memory op id is " + ID_LENGTH + " bytes, got " + id.length());
            }
        }
        byte[] extra = null;
        if (metadataToken != null && metadataToken != JsonToken.VALUE_NULL) {
            if (metadata == null) {
                throw invalid(field + ".metadata", "must be a base64url string (or null), got " + metadataToken);
            }
            extra = OpMetadata.check(metadata, field + ".metadata");
        }
        return new DecodedOp(id, inner.createdAt(), inner.storedBytes(), inner.size(), extra);
    }

    private static long readCreatedAt(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw invalid(field, "created_at must be an integer (microseconds), got " + value);
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw invalid(field, "created_at " + parser.getText() + " does not fit a signed 64-bit integer");
        }
        return parser.getLongValue();
    }

    private static byte[] readBytes(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw invalid(field, "op_data must be an array of bytes (0..255), got " + value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonToken token;
        int index = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw invalid(field, "op_data[" + index + "] is not a byte (0..255)");
            }
            long b = parser.getLongValue();
            if (b < 0 || b > 255) {
                throw invalid(field, "op_data[" + index + "] = " + b + " is not a byte (0..255)");
            }
            out.write((int) b);
            index++;
        }
        return out.toByteArray();
    }

    private static InvalidInputException invalid(String field, String reason) {
        return new InvalidInputException(field + ": " + reason);
    }
}
