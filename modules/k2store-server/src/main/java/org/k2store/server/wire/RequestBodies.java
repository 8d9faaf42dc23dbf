package org.k2store.server.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.DecodedOp;
import org.k2store.api.InvalidInputException;
import org.k2store.api.LocationScheme;
import org.k2store.api.OpId;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.Envelope;
import org.k2store.api.codec.OpCodec;

/** The request bodies of the v1 API, each read into the store's own types. */
public final class RequestBodies {

    private static final JsonFactory WRITER = new JsonFactory();

    private RequestBodies() {
    }

    /** {@code PUT /v1/spaces/{space}}: {@code {"codec": .., "location": ..}}. */
    public static SpaceSettings spaceSettings(InputStream body) {
        String[] names = {null, null};
        RequestJson.readObject(body, (name, parser) -> switch (name) {
            case "codec" -> (names[0] = RequestJson.string(parser, "codec")) != null;
            case "location" -> (names[1] = RequestJson.string(parser, "location")) != null;
            default -> false;
        });
        if (names[0] == null) {
            throw new InvalidInputException("codec: missing (kitsune2-memory or envelope)");
        }
        if (names[1] == null) {
            throw new InvalidInputException("location: missing (xor-fold or suffix-le32)");
        }
        return new SpaceSettings(OpCodec.fromWireName(names[0]), LocationScheme.fromWireName(names[1]));
    }

    /**
     * {@code POST ops}: {@code {"ops": [..]}}, each op decoded with the space's codec (and refused
     * naming its index). An op is the base64url of its bytes, or an object: the envelope in an
     * envelope space, read straight from the body; kitsune2 0.5's IncomingOp
     * ({@code {"op_id", "op_data", "metadata"}}) in a kitsune2-memory space, passed to the codec as
     * its JSON bytes.
     */
    public static List<DecodedOp> ops(InputStream body, SpaceSettings settings, int maxOps) {
        List<DecodedOp> ops = new ArrayList<>();
        boolean[] seen = {false};
        RequestJson.readObject(body, (name, parser) -> {
            if (!name.equals("ops")) {
                return false;
            }
            seen[0] = true;
            RequestJson.readArray(parser, "ops", maxOps, index -> ops.add(op(parser, settings, "ops[" + index + "]")));
            return true;
        });
        if (!seen[0]) {
            throw new InvalidInputException("ops: missing");
        }
        return ops;
    }

    private static DecodedOp op(JsonParser parser, SpaceSettings settings, String field) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            if (settings.codec() == OpCodec.ENVELOPE) {
                return settings.validated(Envelope.read(parser, field), field);
            }
            ByteArrayOutputStream object = new ByteArrayOutputStream(256);
            try (JsonGenerator json = WRITER.createGenerator(object)) {
                json.copyCurrentStructure(parser);
            }
            return settings.decode(object.toByteArray(), field);
        }
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return settings.decode(Base64Url.decode(parser.getText(), field), field);
        }
        throw new InvalidInputException(field + ": expected " + (settings.codec() == OpCodec.ENVELOPE
                ? "an envelope object" : "an IncomingOp object {\"op_id\", \"op_data\", \"metadata\"}")
                + " or base64url bytes, got " + RequestJson.describe(parser.currentToken()));
    }

    /** {@code POST ops/retrieve} and {@code ops/filter-existing}: {@code {"op_ids": [..]}}. */
    public static List<OpId> opIds(InputStream body, int maxIds) {
        List<OpId> ids = new ArrayList<>();
        boolean[] seen = {false};
        RequestJson.readObject(body, (name, parser) -> {
            if (!name.equals("op_ids")) {
                return false;
            }
            seen[0] = true;
            RequestJson.readArray(parser, "op_ids", maxIds, index -> {
                String field = "op_ids[" + index + "]";
                ids.add(OpId.fromBase64(RequestJson.string(parser, field), field));
            });
            return true;
        });
        if (!seen[0]) {
            throw new InvalidInputException("op_ids: missing");
        }
        return ids;
    }

    /** {@code PUT slice-hashes/{arc}/{index}}: {@code {"hash": ".."}}. */
    public static byte[] sliceHash(InputStream body) {
        List<byte[]> hash = new ArrayList<>(1);
        RequestJson.readObject(body, (name, parser) ->
                name.equals("hash") && hash.add(Base64Url.decode(RequestJson.string(parser, "hash"), "hash")));
        if (hash.isEmpty()) {
            throw new InvalidInputException("hash: missing");
        }
        return hash.get(0);
    }
}
