package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.server.RawHttp.connect;
import static org.k2store.server.RawHttp.filterBody;
import static org.k2store.server.RawHttp.opCount;
import static org.k2store.server.RawHttp.post;
import static org.k2store.server.RawHttp.send;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.api.LocationScheme;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.OpCodec;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.client.K2StoreClient;
import org.k2store.client.SpaceId;
import org.k2store.server.RawHttp.Answer;
import org.k2store.testkit.Await;

/**
 * limits.maxBytesInFlight: the bytes all requests together may make the service hold, bodies and
 * retrieve_ops steps. One upload is held half-sent, so its charge stays taken; a second body, or a
 * retrieved op, that does not fit beside it waits bytesInFlightWait and is a 503 with Retry-After,
 * while requests without a body pass, and the same call is served once the first upload ended.
 */
@ExtendWith(CassandraExtension.class)
class BytesInFlightTest {

    private static final String ALICE = "alice-token";
    private static final String SPACE = Base64Url.encode("bytes-in-flight".getBytes(StandardCharsets.UTF_8));
    /** Two of these (59 KiB each) do not fit in the budget of 100,000 bytes; one does. */
    private static final int BODY_BYTES = 60_000;
    private static final long WAIT_MILLIS = 500;
    private static final String AUTH = "Authorization: Bearer " + ALICE + "\r\n";
    private static final String FILTER = "/v1/spaces/" + SPACE + "/ops/filter-existing";
    private static final String ENVELOPES = Base64Url.encode("bytes-in-flight-envelopes".getBytes(StandardCharsets.UTF_8));
    private static final String BIG_OP = Base64Url.encode(new byte[36]);

    private static TestServer server;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("tenants.yml", StoreTuning.PRODUCTION, cassandra, ConfigOverride.config("limits.maxBytesInFlight", "100000"),
                ConfigOverride.config("limits.bytesInFlightWait", "PT" + WAIT_MILLIS / 1000.0 + "S"));
        K2StoreClient alice = K2StoreClient.builder(server.api()).token(ALICE).build();
        Await.result(alice.createSpace(SpaceId.parse(SPACE), SpaceSettings.KITSUNE2_MEMORY));
        Await.result(alice.createSpace(SpaceId.parse(ENVELOPES), new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32)));
        // One op of 45,000 bytes (44 KiB): it fits beside nothing else held, not beside a held upload.
        byte[] store = ("{\"ops\": [{\"op_id\": \"" + BIG_OP + "\", \"created_at\": 1, \"op_data\": \""
                + Base64Url.encode(new byte[45_000]) + "\"}]}").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect(server)) {
            send(socket, post("/v1/spaces/" + ENVELOPES + "/ops", AUTH, store.length), store);
            assertThat(Answer.read(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBodyThatDoesNotFitWaitsThenIsA503WithRetryAfterAndFitsOnceRoomIsFreed() throws Exception {
        byte[] body = filterBody(BODY_BYTES);
        try (Socket held = connect(server)) {
            send(held, post(FILTER, AUTH, body.length), Arrays.copyOf(body, body.length / 2));

            Answer refused = refusedWhileHeld(() -> {
                try (Socket other = connect(server)) {
                    send(other, post(FILTER, AUTH, body.length), body);
                    return Answer.read(other.getInputStream());
                }
            });
            assertThat(refused.header("retry-after")).isEqualTo("1");
            assertThat(refused.body()).contains("\"reason\":\"overloaded\"").contains("59 KiB").doesNotContain("Exception");

            try (Socket get = connect(server)) {
                send(get, opCount(SPACE, AUTH), new byte[0]);
                assertThat(Answer.read(get.getInputStream()).status()).as("a request without a body is charged nothing").isEqualTo(200);
            }

            send(held, new byte[0], Arrays.copyOfRange(body, body.length / 2, body.length));
            assertThat(Answer.read(held.getInputStream()).status()).as("the held upload, finished").isEqualTo(200);
        }
        try (Socket again = connect(server)) {
            send(again, post(FILTER, AUTH, body.length), body);
            assertThat(Answer.read(again.getInputStream()).status()).as("the same body once the first upload ended").isEqualTo(200);
        }
    }

    @Test
    void aChunkedBodyIsChargedTheLargestBodyAllowed() throws Exception {
        byte[] body = filterBody(BODY_BYTES);
        try (Socket held = connect(server)) {
            send(held, post(FILTER, AUTH, body.length), Arrays.copyOf(body, body.length / 2));
            // 64 KiB (tenants.yml's maxBodyBytes) beside the held 59 KiB: over the budget, however small the chunks.
            Answer refused = refusedWhileHeld(() -> chunkedFilter(server));
            assertThat(refused.body()).contains("\"reason\":\"overloaded\"").contains("64 KiB");
            send(held, new byte[0], Arrays.copyOfRange(body, body.length / 2, body.length));
            assertThat(Answer.read(held.getInputStream()).status()).isEqualTo(200);
        }
        assertThat(chunkedFilter(server).status()).as("alone, it fits").isEqualTo(200);
    }

    @Test
    void anAnswerStepThatDoesNotFitWaitsThenIsA503AndIsServedOnceRoomIsFreed() throws Exception {
        byte[] body = filterBody(BODY_BYTES);
        byte[] retrieve = ("{\"op_ids\": [\"" + BIG_OP + "\"]}").getBytes(StandardCharsets.US_ASCII);
        try (Socket held = connect(server)) {
            send(held, post(FILTER, AUTH, body.length), Arrays.copyOf(body, body.length / 2));
            // 44 KiB of op data to write beside the held 59 KiB: over the budget of 98 KiB.
            Answer refused = refusedWhileHeld(() -> {
                try (Socket other = connect(server)) {
                    send(other, post("/v1/spaces/" + ENVELOPES + "/ops/retrieve", AUTH, retrieve.length), retrieve);
                    return Answer.read(other.getInputStream());
                }
            });
            assertThat(refused.header("retry-after")).isEqualTo("1");
            // The service is busy, not failing: the same reason a body without room gets.
            assertThat(refused.body()).contains("\"reason\":\"overloaded\"").contains("44 KiB more did not fit");
            send(held, new byte[0], Arrays.copyOfRange(body, body.length / 2, body.length));
            assertThat(Answer.read(held.getInputStream()).status()).isEqualTo(200);
        }
        try (Socket again = connect(server)) {
            send(again, post("/v1/spaces/" + ENVELOPES + "/ops/retrieve", AUTH, retrieve.length), retrieve);
            Answer served = Answer.read(again.getInputStream());
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.body()).contains(BIG_OP).hasSizeGreaterThan(60_000);
        }
    }

    @Test
    void aCompressedBodyIsRefusedNotInflatedPastWhatItWasChargedAndNothingIsStored() throws Exception {
        // 1000 bytes of ops compress to a few dozen: inflated, a body would hold far more than its charge.
        String id = Base64Url.encode("compressed-op-id-000000000000000000".getBytes(StandardCharsets.US_ASCII));
        byte[] json = ("{\"ops\": [{\"op_id\": \"" + id + "\", \"created_at\": 1, \"op_data\": \"" + Base64Url.encode(new byte[1000])
                + "\"}]}").getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write(json);
        }
        byte[] body = gzipped.toByteArray();
        try (Socket socket = connect(server)) {
            send(socket, post("/v1/spaces/" + ENVELOPES + "/ops", AUTH + "Content-Encoding: gzip\r\n", body.length), body);
            Answer refused = Answer.read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo(415);
            assertThat(refused.body()).contains("\"reason\":\"unsupported_media_type\"").contains("Content-Encoding");
        }
        byte[] filter = ("{\"op_ids\": [\"" + id + "\"]}").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect(server)) {
            send(socket, post("/v1/spaces/" + ENVELOPES + "/ops/filter-existing", AUTH, filter.length), filter);
            assertThat(Answer.read(socket.getInputStream()).body()).as("not stored").contains(id);
        }
    }

    /**
     * The 503 a second request gets while the held upload's charge is taken, after waiting its
     * full wait. The held request is charged as soon as the service handles its headers, which
     * happens just after they are sent: a few tries allow for that.
     */
    private static Answer refusedWhileHeld(Exchange exchange) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            long started = System.nanoTime();
            Answer answer = exchange.run();
            if (answer.status() == 503) {
                assertThat((System.nanoTime() - started) / 1_000_000).as("waited for room first").isGreaterThanOrEqualTo(WAIT_MILLIS - 50);
                return answer;
            }
            assertThat(answer.status()).as(answer.head()).isEqualTo(200);
            Thread.sleep(50);
        }
        throw new AssertionError("never refused while the first upload held its bytes");
    }

    private static Answer chunkedFilter(TestServer server) throws IOException {
        try (Socket socket = connect(server)) {
            OutputStream out = socket.getOutputStream();
            String json = "{\"op_ids\": []}";
            out.write(("POST " + FILTER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n" + AUTH
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(json.length()) + "\r\n"
                    + json + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return Answer.read(socket.getInputStream());
        }
    }

    @FunctionalInterface
    private interface Exchange {
        Answer run() throws IOException;
    }
}
