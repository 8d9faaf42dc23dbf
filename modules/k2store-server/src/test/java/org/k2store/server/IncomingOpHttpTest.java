package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.api.OpId;
import org.k2store.api.codec.OpMetadata;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * kitsune2 0.5's IncomingOp as a host that is not the Java client sends it: JSON objects in
 * {@code ops} (an IncomingOp in a kitsune2-memory space, an envelope with metadata in an envelope
 * space) next to today's base64url forms, {@code metadata} back from {@code ops/retrieve} only where
 * there is some, and bad metadata a 400 naming {@code ops[i].metadata} that stores nothing.
 */
@ExtendWith(CassandraExtension.class)
class IncomingOpHttpTest {

    private static TestServer server;
    private static Http api;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("conformance.yml", StoreTuning.PRODUCTION, cassandra);
        api = new Http(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newSpace(String codec, String location) {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        String path = "/v1/spaces/" + Base64Url.encode(id);
        Http.Reply created = api.json("PUT", path, null, "{\"codec\": \"" + codec + "\", \"location\": \"" + location + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return path;
    }

    private static JsonNode post(String path, String body) {
        Http.Reply reply = api.json("POST", path, null, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void assertBadRequest(Http.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().path("code").asInt()).isEqualTo(400);
        assertThat(reply.json().path("message").asText()).startsWith(field + ": ");
    }

    private static String b64(byte[] bytes) {
        return Base64Url.encode(bytes);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKitsune2MemorySpaceTakesIncomingOpObjectsBesideMemoryOpBytes() {
        String space = newSpace("kitsune2-memory", "xor-fold");
        byte[] memoryOp = Ops.memoryOp(4, 40, 1_000);
        byte[] plain = Ops.memoryOp(6, 40, 2_000);
        byte[] supplied = new byte[32];
        supplied[0] = 4;
        supplied[31] = 9;
        String id = b64(supplied);

        JsonNode stored = post(space + "/ops", "{\"ops\": [{\"op_id\": \"" + id + "\", \"op_data\": \"" + b64(memoryOp)
                + "\", \"metadata\": \"AQ\"}, \"" + b64(plain) + "\"]}");
        String plainId = Ops.memoryOpId(6, 40).toBase64();
        assertThat(stored.path("op_ids").toString()).isEqualTo("[\"" + id + "\",\"" + plainId + "\"]");

        JsonNode ops = post(space + "/ops/retrieve", "{\"op_ids\": [\"" + id + "\", \"" + plainId + "\"]}").path("ops");
        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).path("op_id").asText()).isEqualTo(id);
        assertThat(ops.get(0).path("op_data").asText()).as("the MemoryOp itself").isEqualTo(b64(memoryOp));
        assertThat(ops.get(0).path("metadata").asText()).isEqualTo("AQ");
        assertThat(ops.get(1).path("op_data").asText()).isEqualTo(b64(plain));
        assertThat(ops.get(1).has("metadata")).as("absent when the op has none").isFalse();
    }

    @Test
    void anEnvelopeSpaceReturnsTheMetadataItWasGiven() {
        String space = newSpace("envelope", "suffix-le32");
        OpId receipt = Ops.suffixId(77, 1);
        OpId gossiped = Ops.suffixId(78, 2);
        post(space + "/ops", "{\"ops\": [{\"op_id\": \"" + receipt.toBase64() + "\", \"created_at\": 5, \"op_data\": \"" + b64("op")
                + "\", \"metadata\": \"" + b64("receipt") + "\"}, {\"op_id\": \"" + gossiped.toBase64() + "\", \"created_at\": 6,"
                + " \"op_data\": \"" + b64("op2") + "\", \"metadata\": null}]}");

        JsonNode ops = post(space + "/ops/retrieve", "{\"op_ids\": [\"" + receipt.toBase64() + "\", \"" + gossiped.toBase64() + "\"]}")
                .path("ops");
        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).path("metadata").asText()).isEqualTo(b64("receipt"));
        assertThat(ops.get(1).has("metadata")).isFalse();
        assertThat(ops.get(1).path("op_data").asText()).isEqualTo(b64("op2"));
    }

    @Test
    void badMetadataIsA400NamingTheFieldAndNothingOfTheBatchIsStored() {
        String space = newSpace("envelope", "suffix-le32");
        OpId first = Ops.suffixId(10, 1);
        OpId second = Ops.suffixId(11, 2);
        String good = "{\"op_id\": \"" + first.toBase64() + "\", \"created_at\": 1, \"op_data\": \"AQ\"}";
        String oversized = b64(new byte[OpMetadata.MAX_BYTES + 1]);
        String[] bad = {"\"" + oversized + "\"", "17", "{\"require_validation_receipt\": true}", "\"!!\""};
        for (String metadata : bad) {
            Http.Reply reply = api.json("POST", space + "/ops", null, "{\"ops\": [" + good + ", {\"op_id\": \"" + second.toBase64()
                    + "\", \"created_at\": 2, \"op_data\": \"Ag\", \"metadata\": " + metadata + "}]}");
            assertBadRequest(reply, "ops[1].metadata");
        }
        JsonNode missing = post(space + "/ops/filter-existing", "{\"op_ids\": [\"" + first.toBase64() + "\", \"" + second.toBase64() + "\"]}");
        assertThat(missing.path("op_ids")).as("nothing stored").hasSize(2);

        String memory = newSpace("kitsune2-memory", "xor-fold");
        Http.Reply shortId = api.json("POST", memory + "/ops", null, "{\"ops\": [{\"op_id\": \"AQID\", \"op_data\": \""
                + b64(Ops.memoryOp(1, 40, 1)) + "\"}]}");
        assertBadRequest(shortId, "ops[0].op_id");
        Http.Reply notAnOp = api.json("POST", memory + "/ops", null, "{\"ops\": [17]}");
        assertBadRequest(notAnOp, "ops[0]");
        JsonNode count = api.get(memory + "/op-count", null).json();
        assertThat(count.path("count").asLong()).isZero();
    }
}
