package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.server.RawHttp.connect;
import static org.k2store.server.RawHttp.filterBody;
import static org.k2store.server.RawHttp.opCount;
import static org.k2store.server.RawHttp.post;
import static org.k2store.server.RawHttp.send;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.api.SpaceSettings;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.client.K2StoreClient;
import org.k2store.client.SpaceId;
import org.k2store.server.RawHttp.Answer;
import org.k2store.testkit.Await;

/**
 * An answer given before the request's body was read (a refusal by a filter, an unknown space)
 * leaves the rest of the body on the connection. A keep-alive client that is not told to close
 * sends its next request after that body into a connection the server drops: a POST that is not
 * retried fails. So such an answer either says {@code Connection: close} or the connection really
 * carries the next request. Checked over raw sockets with half of the body sent before the answer.
 */
@ExtendWith(CassandraExtension.class)
class UnreadBodyTest {

    private static final String ALICE = "alice-token";
    private static final String BOB = "bob-token";
    private static final String ALICE_SPACE = Base64Url.encode("unread-body-space".getBytes(StandardCharsets.UTF_8));
    /** Under tenants.yml's 64 KiB body limit, well past what a socket hands over in one read. */
    private static final int BODY_BYTES = 60_000;

    private static TestServer server;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("tenants.yml", StoreTuning.PRODUCTION, cassandra);
        K2StoreClient alice = K2StoreClient.builder(server.api()).token(ALICE).build();
        Await.result(alice.createSpace(SpaceId.parse(ALICE_SPACE), SpaceSettings.KITSUNE2_MEMORY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void noTokenIsA401ThatClosesOrKeepsTheConnectionUsable() throws IOException {
        assertEarlyAnswerLeavesAUsableOrClosedConnection("", 401);
    }

    @Test
    void anotherTenantsSpaceIsA403ThatClosesOrKeepsTheConnectionUsable() throws IOException {
        assertEarlyAnswerLeavesAUsableOrClosedConnection("Authorization: Bearer " + BOB + "\r\n", 403);
    }

    @Test
    void aCrossSitePostIsA403ThatClosesOrKeepsTheConnectionUsable() throws IOException {
        assertEarlyAnswerLeavesAUsableOrClosedConnection("Authorization: Bearer " + ALICE + "\r\nOrigin: https://evil.example\r\n", 403);
    }

    @Test
    void anUnknownSpaceIsA404ThatClosesOrKeepsTheConnectionUsable() throws IOException {
        String unknown = Base64Url.encode("no-such-space".getBytes(StandardCharsets.UTF_8));
        assertEarlyAnswer("/v1/spaces/" + unknown + "/ops/filter-existing", "Authorization: Bearer " + ALICE + "\r\n", 404);
    }

    @Test
    void aReadBodyKeepsTheConnection() throws IOException {
        try (Socket socket = connect(server)) {
            byte[] body = "{\"op_ids\": []}".getBytes(StandardCharsets.US_ASCII);
            send(socket, post("/v1/spaces/" + ALICE_SPACE + "/ops/filter-existing", "Authorization: Bearer " + ALICE + "\r\n", body.length), body);
            Answer first = Answer.read(socket.getInputStream());
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("connection")).isNull();
            send(socket, opCount(ALICE_SPACE, "Authorization: Bearer " + ALICE + "\r\n"), new byte[0]);
            assertThat(Answer.read(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    private static void assertEarlyAnswerLeavesAUsableOrClosedConnection(String headers, int status) throws IOException {
        assertEarlyAnswer("/v1/spaces/" + ALICE_SPACE + "/ops/filter-existing", headers, status);
    }

    private static void assertEarlyAnswer(String path, String headers, int status) throws IOException {
        byte[] body = filterBody(BODY_BYTES);
        int half = body.length / 2;
        try (Socket socket = connect(server)) {
            send(socket, post(path, headers, body.length), Arrays.copyOf(body, half));
            Answer early = Answer.read(socket.getInputStream());
            assertThat(early.status()).as(early.head()).isEqualTo(status);
            if ("close".equalsIgnoreCase(early.header("connection"))) {
                return; // told: the client opens a new connection for its next request
            }
            // Not told: the client finishes its request and sends the next one on the same connection.
            send(socket, new byte[0], Arrays.copyOfRange(body, half, body.length));
            send(socket, opCount(ALICE_SPACE, "Authorization: Bearer " + ALICE + "\r\n"), new byte[0]);
            Answer next;
            try {
                next = Answer.read(socket.getInputStream());
            } catch (IOException e) {
                throw new AssertionError("the " + status + " did not say Connection: close, but the connection did not carry the next request ("
                        + e + ")\n" + early.head(), e);
            }
            assertThat(next.status()).as("the next request on a connection the %d kept open", status).isEqualTo(200);
        }
    }
}
