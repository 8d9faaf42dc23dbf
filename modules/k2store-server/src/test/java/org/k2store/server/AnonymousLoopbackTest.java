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

    private static int status(String host, String extraHeaders) throws IOException {
        URI api = server.api();
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + CALL + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
