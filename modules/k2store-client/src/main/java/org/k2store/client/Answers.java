package org.k2store.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.k2store.api.BoundedPage;
import org.k2store.api.LocationScheme;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.SliceHash;
import org.k2store.api.SpaceSettings;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.api.codec.OpCodec;

/**
 * Reads each answer of the v1 API into the store's types, from the body as it arrives: a time slice
 * or retrieve_ops answer can be far larger than a caller wants held twice (bytes, then objects). Every
 * field the API promises must be there; unknown fields are skipped, so the service can add fields
 * without breaking clients. An IOException is the connection's, thrown as it is (see WireJson).
 */
final class Answers {

    private Answers() {
    }

    /** The fields of one answer as they are read; which ones an answer needs is up to its reader. */
    private static final class Fields {
        List<OpId> opIds;
        Long totalBytes;
        Long nextStart;
        Long count;
        boolean timestampSeen;
        Long timestamp;
        byte[] hash;
        String codec;
        String location;
        Long opCount;
        boolean opsSeen;
        final List<MetaOp> ops = new ArrayList<>();
        final List<SliceHash> sliceHashes = new ArrayList<>();
    }

    private static Fields read(String call, InputStream body, boolean unsignedCount) throws IOException {
        Fields fields = new Fields();
        WireJson.readObject(call, body, (name, parser) -> {
            switch (name) {
                case "op_ids" -> fields.opIds = WireJson.idArray(call, parser);
                case "total_bytes" -> fields.totalBytes = WireJson.int64(call, parser);
                case "next_start" -> fields.nextStart = WireJson.int64(call, parser);
                case "count" -> fields.count = unsignedCount ? WireJson.uint64(call, parser) : WireJson.int64(call, parser);
                case "timestamp" -> {
                    fields.timestampSeen = true;
                    fields.timestamp = parser.currentToken() == JsonToken.VALUE_NULL ? null : WireJson.int64(call, parser);
                }
                case "hash" -> fields.hash = WireJson.bytes(call, WireJson.string(call, parser));
                case "codec" -> fields.codec = WireJson.string(call, parser);
                case "location" -> fields.location = WireJson.string(call, parser);
                case "op_count" -> fields.opCount = WireJson.int64(call, parser);
                case "ops" -> {
                    fields.opsSeen = true;
                    readObjects(call, parser, () -> fields.ops.add(metaOp(call, parser)));
                }
                case "slice_hashes" -> readObjects(call, parser, () -> fields.sliceHashes.add(sliceHash(call, parser)));
                default -> {
                    return false;
                }
            }
            return true;
        });
        return fields;
    }

    private static <T> T require(T value, String call, String field) {
        if (value == null) {
            throw WireJson.malformed(call, field + " missing");
        }
        return value;
    }

    static List<OpId> opIds(String call, InputStream body) throws IOException {
        return require(read(call, body, false).opIds, call, "op_ids");
    }

    static TimeSliceHashes timeSlice(String call, InputStream body) throws IOException {
        Fields fields = read(call, body, false);
        return new TimeSliceHashes(require(fields.opIds, call, "op_ids"), require(fields.totalBytes, call, "total_bytes"));
    }

    /** A time-slice answer held in memory (the bench's hot path times the reader on one). */
    static TimeSliceHashes timeSlice(String call, byte[] body) {
        try {
            return timeSlice(call, new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    static BoundedPage bounded(String call, InputStream body) throws IOException {
        Fields fields = read(call, body, false);
        return new BoundedPage(require(fields.opIds, call, "op_ids"), require(fields.totalBytes, call, "total_bytes"),
                new Timestamp(require(fields.nextStart, call, "next_start")));
    }

    static Optional<Timestamp> earliest(String call, InputStream body) throws IOException {
        Fields fields = read(call, body, false);
        if (!fields.timestampSeen) {
            throw WireJson.malformed(call, "timestamp missing");
        }
        return Optional.ofNullable(fields.timestamp).map(Timestamp::new);
    }

    /** {@code {"count": n}}; slice counts are u64 (carried in a long's bits), op counts i64. */
    static long count(String call, InputStream body, boolean unsigned) throws IOException {
        return require(read(call, body, unsigned).count, call, "count");
    }

    static byte[] hash(String call, InputStream body) throws IOException {
        return require(read(call, body, false).hash, call, "hash");
    }

    static List<MetaOp> ops(String call, InputStream body) throws IOException {
        Fields fields = read(call, body, false);
        if (!fields.opsSeen) {
            throw WireJson.malformed(call, "ops missing");
        }
        return fields.ops;
    }

    static List<SliceHash> sliceHashes(String call, InputStream body) throws IOException {
        return read(call, body, false).sliceHashes;
    }

    /** A space's settings and, from GET, its op count (-1 when the answer has none). */
    static SpaceInfo space(String call, InputStream body) throws IOException {
        Fields fields = read(call, body, false);
        SpaceSettings settings = new SpaceSettings(OpCodec.fromWireName(require(fields.codec, call, "codec")),
                LocationScheme.fromWireName(require(fields.location, call, "location")));
        return new SpaceInfo(settings, fields.opCount == null ? -1 : fields.opCount);
    }

    /** Reads one element of an array of objects; the parser stands on its START_OBJECT. */
    @FunctionalInterface
    private interface ElementReader {
        void read() throws IOException;
    }

    private static void readObjects(String call, JsonParser parser, ElementReader element) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw WireJson.malformed(call, "expected an array");
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            element.read();
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw WireJson.malformed(call, "expected objects in an array");
        }
    }

    private static MetaOp metaOp(String call, JsonParser parser) throws IOException {
        String id = null;
        String data = null;
        String metadata = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "op_id" -> id = WireJson.string(call, parser);
                case "op_data" -> data = WireJson.string(call, parser);
                // Optional: present only for an op stored with metadata (kitsune2 0.5's IncomingOp).
                case "metadata" -> metadata = parser.currentToken() == JsonToken.VALUE_NULL ? null : WireJson.string(call, parser);
                default -> parser.skipChildren();
            }
        }
        return new MetaOp(OpId.of(WireJson.bytes(call, require(id, call, "op_id"))), WireJson.bytes(call, require(data, call, "op_data")),
                metadata == null ? null : WireJson.bytes(call, metadata));
    }

    private static SliceHash sliceHash(String call, JsonParser parser) throws IOException {
        Long index = null;
        byte[] hash = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "index" -> index = WireJson.uint64(call, parser);
                case "hash" -> hash = WireJson.bytes(call, WireJson.string(call, parser));
                default -> parser.skipChildren();
            }
        }
        return new SliceHash(require(index, call, "index"), require(hash, call, "hash"));
    }
}
