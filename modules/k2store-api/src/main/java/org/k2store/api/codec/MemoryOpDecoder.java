package org.k2store.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.k2store.api.DecodedOp;
import org.k2store.api.InvalidInputException;
import org.k2store.api.OpId;
import org.k2store.api.Timestamp;

/**
 * Reads kitsune2's {@code MemoryOp}: {@code {"created_at": <i64>, "op_data": [<u8>, ...]}}. The id is
 * the first 32 bytes of {@code op_data}, zero-padded; the size is {@code op_data}'s length, not the
 * JSON's. Streams the array so a 1 MiB op does not become a million tree nodes. Unknown fields are
 * ignored, as serde does by default.
 */
final class MemoryOpDecoder {

    static final int ID_LENGTH = 32;

    private MemoryOpDecoder() {
    }

    static DecodedOp decode(byte[] raw, String field) {
        if (raw == null) {
            throw new InvalidInputException(field + ": missing op bytes");
        }
        Long createdAt = null;
        byte[] opData = null;
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
                    case "op_data" -> opData = readBytes(parser, value, field);
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
        if (createdAt == null) {
            throw invalid(field, "created_at is missing");
        }
        if (opData == null) {
            throw invalid(field, "op_data is missing");
        }
        OpId id = OpId.of(Arrays.copyOf(opData, ID_LENGTH));
        return new DecodedOp(id, new Timestamp(createdAt), raw.clone(), opData.length);
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
