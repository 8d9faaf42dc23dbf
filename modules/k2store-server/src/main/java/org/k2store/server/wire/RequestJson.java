package org.k2store.server.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.io.InputStream;
import org.k2store.api.InvalidInputException;

/**
 * Reads request bodies with Jackson's streaming parser: memory follows the decoded content, not a
 * tree of it, and every error names the field (ops[3], op_ids[7], codec...) instead of Jersey's
 * generic "Unable to process JSON". Duplicate keys are refused, nesting is shallow, unknown
 * fields are skipped (clients may send more than v1 knows). A body over the size limit surfaces as
 * the stream's own BodyTooLargeException, untouched.
 */
public final class RequestJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    private RequestJson() {
    }

    /** Receives each top-level field; the parser stands on the field's value. */
    @FunctionalInterface
    public interface FieldReader {
        /** Returns false when it did not consume the value, so it is skipped. */
        boolean read(String name, JsonParser parser) throws IOException;
    }

    /** Reads the body as one JSON object, then checks nothing follows it. */
    public static void readObject(InputStream body, FieldReader reader) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInputException("body: missing (expected a JSON object)");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException("body: expected a JSON object, got " + describe(first));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!reader.read(name, parser)) {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidInputException("body: trailing content after the JSON object");
            }
        } catch (StreamReadException e) {
            throw new InvalidInputException("body: not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException("body: could not be read (" + e.getMessage() + ")");
        }
    }

    /** Walks an array, calling {@code element} with each element's index; the parser stands on the element. */
    public static void readArray(JsonParser parser, String field, int maxElements, ElementReader element) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidInputException(field + ": expected an array, got " + describe(parser.currentToken()));
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (index >= maxElements) {
                throw new InvalidInputException(field + ": more than " + maxElements + " elements in one request");
            }
            element.read(index++);
        }
    }

    /** Reads one array element. */
    @FunctionalInterface
    public interface ElementReader {
        void read(int index) throws IOException;
    }

    public static String string(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(field + ": expected a string, got " + describe(parser.currentToken()));
        }
        return parser.getText();
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
