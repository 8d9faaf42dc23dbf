package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * The anonymous all-spaces tenant is for this machine's own requests only: a DNS-rebinding page
 * sends its own Host, and a local reverse proxy forwards requests from anywhere, so either makes a
 * token-less request a 401 although it arrived on the loopback connector. Raw sockets, because
 * the JDK's HTTP client will not send another Host.
 */
@ExtendWith(CassandraExtension.class)
class AnonymousLoopbackTest {

    private static final String CALL = "/v1/spaces/YW5vbg/op-count";
    private static TestServer server;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("conformance.yml", new PerSpaceTuning(), cassandra);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loopbackHostsWithoutForwardingAreAnonymous() throws IOException {
        int port = server.api().getPort();
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "127.0.0.2", "[::1]:" + port, "LOCALHOST"}) {
            assertThat(status(host, "")).as(host).isNotEqualTo(401);
        }
    }

    @Test
    void otherHostsAndForwardedRequestsNeedAToken() throws IOException {
        for (String host : new String[] {"attacker.example", "127.0.0.1.nip.io", "localhost.attacker.example", "127.0.0.1:80@evil", "0x7f.0.0.1",
                "2130706433", "[::ffff:127.0.0.1]"}) {
            // 401, or Jetty's own 400 for a Host it cannot parse: never answered as the anonymous tenant.
            assertThat(status(host, "")).as(host).isIn(400, 401);
        }
        String loopback = "127.0.0.1:" + server.api().getPort();
        for (String forwarded : new String[] {"X-Forwarded-For: 203.0.113.9", "Forwarded: for=203.0.113.9", "X-Real-IP: 203.0.113.9",
                "Via: 1.1 proxy", "X-Forwarded-Host: attacker.example"}) {
            assertThat(status(loopback, forwarded + "\r\n")).as(forwarded).isEqualTo(401);
        }
    }

    @Test
    void aPageOnAnotherSiteCannotHaveABrowserWriteThroughTheTokenlessPort() throws IOException {
        String loopback = "127.0.0.1:" + server.api().getPort();
        assertThat(send("PUT", "/v1/spaces/Y3Jvc3M", loopback, "", "{\"codec\":\"envelope\",\"location\":\"xor-fold\"}")).isIn(200, 201);
        // A fetch() with a JSON body is sent before the browser knows whether it may read the answer.
        String store = "/v1/spaces/Y3Jvc3M/ops";
        String op = "{\"ops\":[\"" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"op_id\":\"AQIDBA\",\"created_at\":1000,\"op_data\":\"aGk\"}".getBytes(StandardCharsets.UTF_8)) + "\"]}";
        for (String crossSite : new String[] {"Origin: http://attacker.example", "Origin: null", "Origin: http://127.0.0.1:1",
                "Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site"}) {
            assertThat(send("POST", store, loopback, crossSite + "\r\n", op)).as(crossSite).isEqualTo(403);
        }
        assertThat(send("GET", "/v1/spaces/Y3Jvc3M/op-count", loopback, "Origin: http://attacker.example\r\n", null)).isEqualTo(403);
        assertThat(lastBody).contains("\"code\":403").contains("cross-site");
        assertThat(send("GET", "/v1/spaces/Y3Jvc3M/op-count", loopback, "", null)).isEqualTo(200);
        assertThat(lastBody).contains("\"count\":0");
        // The console's own page, and any host (no Origin, no Sec-Fetch-Site), still write.
        assertThat(send("POST", store, loopback, "Origin: http://" + loopback + "\r\nSec-Fetch-Site: same-origin\r\n", op)).isEqualTo(200);
        assertThat(send("GET", "/v1/spaces/Y3Jvc3M/op-count", loopback, "", null)).isEqualTo(200);
        assertThat(lastBody).contains("\"count\":1");
    }

    private static String lastBody = "";

    private static int status(String host, String extraHeaders) throws IOException {
        return send("GET", CALL, host, extraHeaders, null);
    }

    private static int send(String method, String path, String host, String extraHeaders, String body) throws IOException {
        URI api = server.api();
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String framing = body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n";
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + framing + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            lastBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
