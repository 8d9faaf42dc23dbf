package org.k2store.server.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.OpId;
import org.k2store.api.SliceHash;
import org.k2store.api.SpaceSettings;

/**
 * The bounded answers of the v1 API as JSON records, named as the API names them. u64 values
 * (slice indexes and counts) are written as unsigned numbers, never as negative longs.
 */
public final class Answers {

    private Answers() {
    }

    static List<String> base64(List<OpId> ids) {
        return ids.stream().map(OpId::toBase64).toList();
    }

    static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    /** A space's settings, and its op count when asked with GET. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Space(@JsonProperty("codec") String codec, @JsonProperty("location") String location,
            @JsonProperty("op_count") Long opCount) {

        public static Space of(SpaceSettings settings, Long opCount) {
            return new Space(settings.codec().wireName(), settings.location().wireName(), opCount);
        }
    }

    /** {@code {"op_ids": [..]}}. */
    public record OpIds(@JsonProperty("op_ids") List<String> opIds) {

        public static OpIds of(List<OpId> ids) {
            return new OpIds(base64(ids));
        }
    }

    /** {@code {"timestamp": t}} or {@code {"timestamp": null}}. */
    public record Earliest(@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("timestamp") Long timestamp) {
    }

    /** {@code {"count": n}}, n unsigned. */
    public record Count(@JsonProperty("count") BigInteger count) {

        public static Count of(long unsignedCount) {
            return new Count(unsigned(unsignedCount));
        }
    }

    /** {@code {"hash": ".."}}. */
    public record Hash(@JsonProperty("hash") String hash) {

        public static Hash of(byte[] hash) {
            return new Hash(Base64Url.encode(hash));
        }
    }

    /** {@code {"slice_hashes": [{"index": i, "hash": ".."}]}}. */
    public record SliceHashes(@JsonProperty("slice_hashes") List<Row> sliceHashes) {

        /** One stored slice hash. */
        public record Row(@JsonProperty("index") BigInteger index, @JsonProperty("hash") String hash) {
        }

        public static SliceHashes of(List<SliceHash> rows) {
            return new SliceHashes(rows.stream().map(row -> new Row(unsigned(row.index()), Base64Url.encode(row.hash()))).toList());
        }
    }
}
