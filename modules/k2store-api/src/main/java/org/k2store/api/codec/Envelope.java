package org.k2store.api.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.k2store.api.Base64Url;
import org.k2store.api.DecodedOp;
import org.k2store.api.InvalidInputException;
import org.k2store.api.OpId;
import org.k2store.api.Timestamp;

/**
 * k2store's envelope for hosts that compute op ids themselves (Holochain; kitsune2 0.5's
 * {@code IncomingOp}). Encoded as UTF-8 JSON, the same object the HTTP API takes per op:
 * {@code {"op_id": "<base64url>", "created_at": <i64 micros>, "op_data": "<base64url>",
 * "metadata": "<base64url>"}}, {@code metadata} optional (IncomingOp's {@code Option<Bytes>},
 * see {@link OpMetadata}); envelopes without it are read as before. The op's size is
 * {@code op_data}'s length, {@code retrieve_ops} returns {@code op_data} and the metadata.
 */
public final class Envelope {

    private Envelope() {
    }

    public static byte[] encode(OpId opId, long createdAtMicros, byte[] opData) {
        return encode(opId, createdAtMicros, opData, null);
    }

    /** An envelope with the sender's metadata; null leaves the field out. */
    public static byte[] encode(OpId opId, long createdAtMicros, byte[] opData, byte[] metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(opData.length * 4 / 3 + 96);
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("op_id", opId.toBase64());
            json.writeNumberField("created_at", createdAtMicros);
            json.writeStringField("op_data", Base64Url.encode(opData));
            if (metadata != null) {
                json.writeStringField("metadata", Base64Url.encode(metadata));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static DecodedOp decode(byte[] raw, String field) {
        if (raw == null) {
            throw new InvalidInputException(field + ": missing op bytes");
        }
        try (JsonParser parser = Json.parser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException(field + ": an envelope must be a JSON object");
            }
            DecodedOp op = read(parser, field);
            if (parser.nextToken() != null) {
                throw new InvalidInputException(field + ": trailing content after the envelope object");
            }
            return op;
        } catch (StreamReadException e) {
            throw new InvalidInputException(field + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(field + ": not readable (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads the envelope object the parser stands on (its START_OBJECT), up to and including its
     * END_OBJECT: a service reads each op of a request body straight into a DecodedOp this way,
     * instead of copying the object into bytes and parsing them again. Syntax errors surface as the
     * parser's own exceptions, for the caller to name.
     */
    public static DecodedOp read(JsonParser parser, String field) throws IOException {
        String opId = null;
        Long createdAt = null;
        String opData = null;
        byte[] metadata = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "op_id" -> opId = readString(parser, value, field + ".op_id");
                case "op_data" -> opData = readString(parser, value, field + ".op_data");
                case "created_at" -> createdAt = readLong(parser, value, field + ".created_at");
                case "metadata" -> metadata = OpMetadata.read(parser, value, field + ".metadata");
                default -> parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new InvalidInputException(field + ": an envelope must be a JSON object");
        }
        if (opId == null) {
            throw new InvalidInputException(field + ".op_id: missing");
        }
        if (createdAt == null) {
            throw new InvalidInputException(field + ".created_at: missing");
        }
        if (opData == null) {
            throw new InvalidInputException(field + ".op_data: missing");
        }
        OpId id = OpId.fromBase64(opId, field + ".op_id");
        byte[] data = Base64Url.decode(opData, field + ".op_data");
        return new DecodedOp(id, new Timestamp(createdAt), data, data.length, metadata);
    }

    private static String readString(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(field + ": must be a base64url string, got " + value);
        }
        return parser.getText();
    }

    private static long readLong(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidInputException(field + ": must be a signed 64-bit integer (microseconds)");
        }
        return parser.getLongValue();
    }
}
