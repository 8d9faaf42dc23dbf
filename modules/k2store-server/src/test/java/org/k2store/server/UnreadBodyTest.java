package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
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
        try (Socket socket = connect()) {
            byte[] body = "{\"op_ids\": []}".getBytes(StandardCharsets.US_ASCII);
            send(socket, post("/v1/spaces/" + ALICE_SPACE + "/ops/filter-existing", "Authorization: Bearer " + ALICE + "\r\n", body.length), body);
            Answer first = Answer.read(socket.getInputStream());
            assertThat(first.status).isEqualTo(200);
            assertThat(first.header("connection")).isNull();
            send(socket, opCount(), new byte[0]);
            assertThat(Answer.read(socket.getInputStream()).status).isEqualTo(200);
        }
    }

    private static void assertEarlyAnswerLeavesAUsableOrClosedConnection(String headers, int status) throws IOException {
        assertEarlyAnswer("/v1/spaces/" + ALICE_SPACE + "/ops/filter-existing", headers, status);
    }

    private static void assertEarlyAnswer(String path, String headers, int status) throws IOException {
        byte[] body = filterBody();
        int half = body.length / 2;
        try (Socket socket = connect()) {
            send(socket, post(path, headers, body.length), Arrays.copyOf(body, half));
            Answer early = Answer.read(socket.getInputStream());
            assertThat(early.status).as(early.head).isEqualTo(status);
            if ("close".equalsIgnoreCase(early.header("connection"))) {
                return; // told: the client opens a new connection for its next request
            }
            // Not told: the client finishes its request and sends the next one on the same connection.
            send(socket, new byte[0], Arrays.copyOfRange(body, half, body.length));
            send(socket, opCount(), new byte[0]);
            Answer next;
            try {
                next = Answer.read(socket.getInputStream());
            } catch (IOException e) {
                throw new AssertionError("the " + status + " did not say Connection: close, but the connection did not carry the next request ("
                        + e + ")\n" + early.head, e);
            }
            assertThat(next.status).as("the next request on a connection the %d kept open", status).isEqualTo(200);
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.api().getPort());
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static byte[] filterBody() {
        StringBuilder json = new StringBuilder("{\"op_ids\": [");
        String id = "\"" + "A".repeat(43) + "\"";
        while (json.length() + id.length() + 3 < BODY_BYTES) {
            json.append(json.length() > 12 ? "," : "").append(id);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] post(String path, String headers, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] opCount() {
        return ("GET /v1/spaces/" + ALICE_SPACE + "/op-count HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ALICE
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void send(Socket socket, byte[] head, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head);
        out.write(body);
        out.flush();
    }

    /** One answer with a Content-Length body, read off the connection and no further. */
    private record Answer(int status, String head) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection closed before an answer (" + head.size() + " bytes of head)");
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            Answer answer = new Answer(Integer.parseInt(text.substring(9, 12)), text);
            String length = answer.header("content-length");
            if (length == null) {
                throw new IOException("an answer without Content-Length: " + text);
            }
            in.readNBytes(Integer.parseInt(length));
            return answer;
        }
    }
}
