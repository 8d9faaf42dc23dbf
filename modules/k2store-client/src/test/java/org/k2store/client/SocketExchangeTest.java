package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plain-HTTP path keeps connections alive between calls, reads chunked and Content-Length answers
 * to their exact end (so the next request on the connection is not misread), and when the service
 * closed an idle connection, the call goes once more on a fresh one instead of failing.
 */
class SocketExchangeTest {

    private static final SpaceId SPACE = SpaceId.parse("AQID");

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Answers op-count calls with count = the request's number on its connection; closes after {@code perConnection} answers. */
    private URI service(int perConnection, boolean chunked) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread worker = new Thread(() -> serve(socket, perConnection, chunked));
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve(Socket socket, int perConnection, boolean chunked) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int n = 1; n <= perConnection; n++) {
                String requestLine = ServiceConnection.readLine(in);
                if (requestLine == null) {
                    return;
                }
                requestLines.add(requestLine);
                for (String header = ServiceConnection.readLine(in); header != null && !header.isEmpty(); header = ServiceConnection.readLine(in)) {
                    // GETs carry no body
                }
                String json = "{\"count\":" + n + "}";
                String answer = chunked
                        ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + Integer.toHexString(5) + "\r\n" + json.substring(0, 5) + "\r\n" + Integer.toHexString(json.length() - 5) + "\r\n"
                                + json.substring(5) + "\r\n0\r\n\r\n"
                        : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            // Closed after its last answer, as a service does with an idle keep-alive connection.
        } catch (IOException e) {
            // the test sees the outcome through the client
        }
    }

    private static long count(K2StoreClient client) throws Exception {
        return client.store(SPACE).queryTotalOpCount().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sequentialCallsShareOneConnectionWhateverTheFraming() throws Exception {
        for (boolean chunked : new boolean[] {true, false}) {
            connections.set(0);
            URI base = service(100, chunked);
            try (K2StoreClient client = K2StoreClient.builder(base).build()) {
                for (int i = 1; i <= 5; i++) {
                    assertThat(count(client)).as("call %d, chunked %s", i, chunked).isEqualTo(i);
                }
            }
            assertThat(connections.get()).as("chunked %s", chunked).isEqualTo(1);
            server.close();
        }
        assertThat(requestLines).allMatch(line -> line.equals("GET /v1/spaces/AQID/op-count HTTP/1.1"));
    }

    @Test
    void aConnectionTheServiceClosedWhileIdleIsReplacedNotFailed() throws Exception {
        URI base = service(1, true);
        try (K2StoreClient client = K2StoreClient.builder(base).retryPolicy(RetryPolicy.NONE).build()) {
            assertThat(count(client)).isEqualTo(1);
            Thread.sleep(100); // the service has closed it by now
            assertThat(count(client)).isEqualTo(1);
            assertThat(count(client)).isEqualTo(1);
        }
        assertThat(connections.get()).isEqualTo(3);
    }

    @Test
    void theBasePathPrefixesEveryCall() throws Exception {
        URI base = service(100, false);
        try (K2StoreClient client = K2StoreClient.builder(URI.create(base + "/k2store/")).build()) {
            assertThat(count(client)).isEqualTo(1);
        }
        assertThat(requestLines).containsExactly("GET /k2store/v1/spaces/AQID/op-count HTTP/1.1");
    }
}
