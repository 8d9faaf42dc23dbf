package org.k2store.bench.target;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;

/**
 * The v1 answers as the {@code http-lean} target reads them: one pass of Jackson's streaming parser
 * over the body, into the API's types, with no checks beyond what a well-formed answer needs. The
 * shape of every answer is one object whose fields are numbers, strings, id arrays or arrays of small
 * objects, so one reader serves them all.
 */
final class LeanAnswers {

    private static final JsonFactory JSON = new JsonFactory();

    /** The fields of one answer; a field the answer lacks stays at its default. */
    static final class Fields {
        List<OpId> opIds = List.of();
        List<MetaOp> ops = List.of();
        List<SliceHash> sliceHashes = List.of();
        long totalBytes;
        Long number;
        String hash;
        long nextStart = Long.MIN_VALUE;
    }

    private LeanAnswers() {
    }

    static Fields read(byte[] body) throws IOException {
        Fields fields = new Fields();
        try (JsonParser json = JSON.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "op_ids" -> fields.opIds = ids(json);
                    case "ops" -> fields.ops = ops(json);
                    case "slice_hashes" -> fields.sliceHashes = sliceHashes(json);
                    case "total_bytes" -> fields.totalBytes = json.getLongValue();
                    case "next_start" -> fields.nextStart = json.getLongValue();
                    case "count", "timestamp" -> fields.number = value == JsonToken.VALUE_NULL ? null : json.getLongValue();
                    case "hash" -> fields.hash = json.getText();
                    default -> json.skipChildren();
                }
            }
        }
        return fields;
    }

    private static List<OpId> ids(JsonParser json) throws IOException {
        expect(json.currentToken(), JsonToken.START_ARRAY);
        List<OpId> ids = new ArrayList<>();
        while (json.nextToken() == JsonToken.VALUE_STRING) {
            ids.add(OpId.of(Base64Url.decode(json.getText(), "op_ids")));
        }
        return ids;
    }

    private static List<MetaOp> ops(JsonParser json) throws IOException {
        expect(json.currentToken(), JsonToken.START_ARRAY);
        List<MetaOp> ops = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            byte[] id = null;
            byte[] data = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "op_id" -> id = Base64Url.decode(json.getText(), "op_id");
                    case "op_data" -> data = Base64Url.decode(json.getText(), "op_data");
                    default -> json.skipChildren();
                }
            }
            ops.add(new MetaOp(OpId.of(id), data));
        }
        return ops;
    }

    private static List<SliceHash> sliceHashes(JsonParser json) throws IOException {
        expect(json.currentToken(), JsonToken.START_ARRAY);
        List<SliceHash> hashes = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            long index = -1;
            byte[] hash = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "index" -> index = SliceIndexes.parse(json.getText(), "index");
                    case "hash" -> hash = Base64Url.decode(json.getText(), "hash");
                    default -> json.skipChildren();
                }
            }
            hashes.add(new SliceHash(index, hash));
        }
        return hashes;
    }

    private static void expect(JsonToken token, JsonToken wanted) throws IOException {
        if (token != wanted) {
            throw new IOException("answer: expected " + wanted + ", found " + token);
        }
    }
}
