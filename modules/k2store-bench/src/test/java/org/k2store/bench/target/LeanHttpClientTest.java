package org.k2store.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The lean client's response parsing, from bytes and over one loopback keep-alive connection. */
class LeanHttpClientTest {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsAContentLengthBodyAndLeavesTheNextResponseInTheStream() throws IOException {
        InputStream in = bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"op_ids\":[]}"
                + "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\ncontent-length: 4\r\nConnection: close\r\n\r\nbusy");
        LeanHttpClient.Response first = LeanHttpClient.read(in, false);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyText()).isEqualTo("{\"op_ids\":[]}");
        assertThat(first.headers()).containsEntry("content-type", "application/json");
        assertThat(first.keepAlive()).isTrue();
        LeanHttpClient.Response second = LeanHttpClient.read(in, false);
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.headers()).containsEntry("retry-after", "2");
        assertThat(second.bodyText()).isEqualTo("busy");
        assertThat(second.keepAlive()).isFalse();
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws IOException {
        InputStream in = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n" + "1;ext=1\r\n \r\n" + "A\r\n0123456789\r\n" + "0\r\nX-Trailer: t\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n");
        LeanHttpClient.Response chunked = LeanHttpClient.read(in, false);
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(chunked.bodyText()).isEqualTo("hello 0123456789");
        assertThat(chunked.keepAlive()).isTrue();
        LeanHttpClient.Response empty = LeanHttpClient.read(in, false);
        assertThat(empty.status()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void aBodyWithoutLengthRunsToTheEndOfTheConnection() throws IOException {
        LeanHttpClient.Response response = LeanHttpClient.read(bytes("HTTP/1.0 200 OK\nServer: x\n\nall of it"), false);
        assertThat(response.bodyText()).isEqualTo("all of it");
        assertThat(response.keepAlive()).isFalse();
    }

    @Test
    void truncatedOrMalformedResponsesFail() {
        assertThatThrownBy(() -> LeanHttpClient.read(bytes(""), false)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> LeanHttpClient.read(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), false))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> LeanHttpClient.read(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), false))
                .isInstanceOf(IOException.class).hasMessageContaining("chunk size");
        assertThatThrownBy(() -> LeanHttpClient.read(bytes("SMTP ready\r\n\r\n"), false)).isInstanceOf(IOException.class);
    }

    @Test
    void postsTwiceOverOnePersistentLoopbackConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> requests = new ArrayList<>();
            CompletableFuture<Integer> accepted = CompletableFuture.supplyAsync(() -> {
                int connections = 0;
                try (Socket socket = server.accept()) {
                    connections++;
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < 2; i++) {
                        StringBuilder head = new StringBuilder();
                        while (!head.toString().endsWith("\r\n\r\n")) {
                            head.append((char) in.read());
                        }
                        int length = Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                        synchronized (requests) {
                            requests.add(head.toString().lines().findFirst().orElse("") + " " + body);
                        }
                        String answer = i == 0 ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nchu\r\n4\r\nnked\r\n0\r\n\r\n";
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return connections;
            });
            try (LeanHttpClient client = new LeanHttpClient("127.0.0.1", server.getLocalPort(), 5_000)) {
                LeanHttpClient.Response one = client.post("/v1/spaces/x/ops", "application/json", "{\"ops\":[]}".getBytes(StandardCharsets.UTF_8));
                LeanHttpClient.Response two = client.post("/v1/spaces/x/ops", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                assertThat(one.bodyText()).isEqualTo("ok");
                assertThat(two.bodyText()).isEqualTo("chunked");
            }
            assertThat(accepted.get()).isEqualTo(1);
            assertThat(requests).containsExactly("POST /v1/spaces/x/ops HTTP/1.1 {\"ops\":[]}", "POST /v1/spaces/x/ops HTTP/1.1 {}");
        }
    }

    @Test
    void theLeanBodyIsTheClientsJson() {
        String body = LeanOpStore.opsBody(List.of(new byte[] {1, 2, 3}, new byte[] {(byte) 0xFB, (byte) 0xFF})).toString();
        assertThat(body).isEqualTo("{\"ops\":[\"AQID\",\"-_8\"]}");
    }
}
