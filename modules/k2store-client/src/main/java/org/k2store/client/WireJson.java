package org.k2store.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.K2StoreException;
import org.k2store.api.OpId;

/**
 * The JSON of the v1 API, read and written with Jackson's streaming API: answers can hold millions
 * of ids (time slices), which a tree would hold several times over. An answer that is not what the
 * API promises is a {@link K2StoreException} naming the call, never a silent default.
 */
final class WireJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private WireJson() {
    }

    /** Receives each field of an answer object; it must consume the value (or leave it for skipping). */
    @FunctionalInterface
    interface FieldReader {
        /** Returns false when it did not consume the value, so the caller skips it. */
        boolean read(String name, JsonParser parser) throws IOException;
    }

    /** Writes one request body. */
    @FunctionalInterface
    interface BodyWriter {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] write(BodyWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            writer.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void writeBase64Array(JsonGenerator json, String field, List<byte[]> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (byte[] value : values) {
            json.writeString(Base64Url.encode(value));
        }
        json.writeEndArray();
    }

    static void writeIdArray(JsonGenerator json, String field, List<OpId> ids) throws IOException {
        json.writeArrayFieldStart(field);
        for (OpId id : ids) {
            json.writeString(id.toBase64());
        }
        json.writeEndArray();
    }

    /**
     * Reads the answer object of {@code call} as it arrives, handing each field to {@code reader}. An
     * IOException of the stream itself (the connection broke or timed out) is thrown as it is, so the
     * call counts as unanswered; an answer that is not the JSON the API promises is a K2StoreException.
     */
    static void readObject(String call, InputStream body, FieldReader reader) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            readObject(call, parser, reader);
        } catch (JsonProcessingException | RuntimeException e) {
            throw notJson(call, e);
        }
    }

    /** Reads a whole answer held in memory (error answers, which are small). */
    static void readObject(String call, byte[] body, FieldReader reader) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            readObject(call, parser, reader);
        } catch (IOException | RuntimeException e) {
            throw notJson(call, e);
        }
    }

    private static void readObject(String call, JsonParser parser, FieldReader reader) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw malformed(call, "not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (!reader.read(name, parser)) {
                parser.skipChildren();
            }
        }
        // A streamed answer cut short must never pass for a shorter complete one.
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw malformed(call, "the answer object does not end");
        }
        if (parser.nextToken() != null) {
            throw malformed(call, "more after the answer object");
        }
    }

    private static K2StoreException notJson(String call, Exception e) {
        if (e instanceof K2StoreException k2) {
            return k2;
        }
        return new K2StoreException(call + ": the service's answer is not valid JSON (" + e.getMessage() + ")", e);
    }

    static List<OpId> idArray(String call, JsonParser parser) throws IOException {
        List<OpId> ids = new ArrayList<>();
        for (String text : stringArray(call, parser)) {
            ids.add(OpId.of(bytes(call, text)));
        }
        return ids;
    }

    static List<String> stringArray(String call, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw malformed(call, "expected an array");
        }
        List<String> values = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            values.add(parser.getText());
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw malformed(call, "expected strings in an array");
        }
        return values;
    }

    static String string(String call, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(call, "expected a string, got " + parser.currentToken());
        }
        return parser.getText();
    }

    static byte[] bytes(String call, String text) {
        try {
            return Base64Url.decode(text, "answer");
        } catch (K2StoreException e) {
            throw malformed(call, e.getMessage());
        }
    }

    /** A signed 64-bit integer (timestamps, sizes, op counts). */
    static long int64(String call, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw malformed(call, "expected a 64-bit integer");
        }
        return parser.getLongValue();
    }

    /** An unsigned 64-bit integer (slice indexes and counts), carried in a long's bits. */
    static long uint64(String call, JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(call, "expected an unsigned 64-bit integer");
        }
        BigInteger value = parser.getBigIntegerValue();
        if (value.signum() < 0 || value.compareTo(U64_MAX) > 0) {
            throw malformed(call, value + " is not an unsigned 64-bit integer");
        }
        return value.longValue();
    }

    static K2StoreException malformed(String call, String what) {
        return new K2StoreException(call + ": unexpected answer from the service: " + what);
    }
}
