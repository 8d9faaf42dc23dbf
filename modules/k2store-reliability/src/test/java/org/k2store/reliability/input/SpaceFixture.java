package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.k2store.api.Base64Url;
import org.k2store.testkit.Ops;

/**
 * A kitsune2-memory space created through the API with known ops and one slice hash, so tests can
 * build valid requests against it and tell whether its stored data changed (count + hash).
 */
record SpaceFixture(String space, List<String> opIds, List<String> opBytes, String arc, String index, String hash) {

    static final String FULL_ARC = "0..4294967295";

    static SpaceFixture create(RawHttp http, String token, String spaceName, int ops, long createdAt) {
        String space = Base64Url.encode(spaceName.getBytes(StandardCharsets.UTF_8));
        Reply created = http.json("PUT", "/v1/spaces/" + space, token, "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}");
        assertThat(created.status()).as(created.text()).isIn(200, 201);
        List<String> bytes = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            bytes.add(Base64Url.encode(Ops.memoryOp(i * 7919L, 48, createdAt + i, spaceName.hashCode() * 1_000_003L + i)));
        }
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < ops; from += 500) {
            Reply stored = http.json("POST", "/v1/spaces/" + space + "/ops", token,
                    "{\"ops\": " + jsonStrings(bytes.subList(from, Math.min(ops, from + 500))) + "}");
            assertThat(stored.status()).as(stored.text()).isEqualTo(200);
            stored.json().path("op_ids").forEach(id -> ids.add(id.asText()));
        }
        String hash = Base64Url.encode(("slice-hash-of-" + spaceName).getBytes(StandardCharsets.UTF_8));
        Reply put = http.json("PUT", "/v1/spaces/" + space + "/slice-hashes/0..8388607/42", token, "{\"hash\": \"" + hash + "\"}");
        assertThat(put.status()).as(put.text()).isEqualTo(204);
        return new SpaceFixture(space, List.copyOf(ids), List.copyOf(bytes), "0..8388607", "42", hash);
    }

    String path() {
        return "/v1/spaces/" + space;
    }

    /** The op count and a SHA-256 of every stored (id, data) and of the slice hashes: equal before and after means unchanged. */
    String fingerprint(RawHttp http, String token) {
        Reply count = http.get(path() + "/op-count", token);
        assertThat(count.status()).as(count.text()).isEqualTo(200);
        Reply slice = http.get(path() + "/time-slice?arc=" + FULL_ARC + "&start=" + Long.MIN_VALUE + "&end=" + Long.MAX_VALUE, token);
        assertThat(slice.status()).as(slice.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        slice.json().path("op_ids").forEach(id -> ids.add(id.asText()));
        Map<String, String> data = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            Reply ops = http.json("POST", path() + "/ops/retrieve", token,
                    "{\"op_ids\": " + jsonStrings(ids.subList(from, Math.min(ids.size(), from + 1000))) + "}");
            assertThat(ops.status()).as(ops.text()).isEqualTo(200);
            for (JsonNode op : ops.json().path("ops")) {
                data.put(op.path("op_id").asText(), op.path("op_data").asText());
            }
        }
        Reply hashes = http.get(path() + "/slice-hashes/" + arc, token);
        assertThat(hashes.status()).as(hashes.text()).isEqualTo(200);
        MessageDigest sha = sha256();
        data.forEach((id, bytes) -> sha.update((id + "=" + bytes + "\n").getBytes(StandardCharsets.UTF_8)));
        sha.update(hashes.body());
        return count.json().path("count").asText() + " ops, " + data.size() + " read, sha256 " + HexFormat.of().formatHex(sha.digest());
    }

    static String jsonStrings(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            json.append(json.length() > 1 ? ", " : "").append('"').append(value).append('"');
        }
        return json.append(']').toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
