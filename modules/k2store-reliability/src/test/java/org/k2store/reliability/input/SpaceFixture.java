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

    /**
     * What the fuzzer must not change, in three parts: the op count; a SHA-256 of the fixture's own
     * ops as retrieved (id and data: first write wins, so no request may ever change these); and a
     * SHA-256 of the slice hashes stored for the fixture's arc.
     */
    record Fingerprint(String count, String fixtureOps, String sliceHashes) {
        @Override
        public String toString() {
            return count + " ops, fixture ops sha256 " + fixtureOps + ", slice hashes sha256 " + sliceHashes;
        }
    }

    Fingerprint fingerprint(RawHttp http, String token) {
        Reply count = http.get(path() + "/op-count", token);
        assertThat(count.status()).as(count.text()).isEqualTo(200);
        Map<String, String> data = new TreeMap<>();
        for (int from = 0; from < opIds.size(); from += 1000) {
            Reply ops = http.json("POST", path() + "/ops/retrieve", token,
                    "{\"op_ids\": " + jsonStrings(opIds.subList(from, Math.min(opIds.size(), from + 1000))) + "}");
            assertThat(ops.status()).as(ops.text()).isEqualTo(200);
            for (JsonNode op : ops.json().path("ops")) {
                data.put(op.path("op_id").asText(), op.path("op_data").asText());
            }
        }
        assertThat(data).as("every fixture op still retrievable").hasSize(opIds.size());
        MessageDigest opsSha = sha256();
        data.forEach((id, bytes) -> opsSha.update((id + "=" + bytes + "\n").getBytes(StandardCharsets.UTF_8)));
        Reply hashes = http.get(path() + "/slice-hashes/" + arc, token);
        assertThat(hashes.status()).as(hashes.text()).isEqualTo(200);
        MessageDigest hashesSha = sha256();
        hashesSha.update(hashes.body());
        return new Fingerprint(count.json().path("count").asText(), HexFormat.of().formatHex(opsSha.digest()),
                HexFormat.of().formatHex(hashesSha.digest()));
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
