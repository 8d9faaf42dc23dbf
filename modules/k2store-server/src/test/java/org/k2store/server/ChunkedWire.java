package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * What came back over one HTTP/1.1 connection: the status line, the decoded chunks, and how it
 * ended, read from the raw bytes so a cut-short stream cannot pass for a whole answer.
 */
final class ChunkedWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    int status;
    boolean chunked;
    boolean terminated;
    boolean reset;
    boolean ranMidway;
    long contentLength = -1;
    String head;
    byte[] body;

    static ChunkedWire exchange(TestServer server, String requestLine, String body) {
        return exchange(server, requestLine, body, Long.MAX_VALUE, () -> { });
    }

    /** Like {@link #exchange(TestServer, String, String)}, running {@code midway} once {@code after} bytes arrived. */
    static ChunkedWire exchange(TestServer server, String requestLine, String body, long after, Runnable midway) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n") + "\r\n";
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ChunkedWire wire = new ChunkedWire();
        try (Socket socket = new Socket("127.0.0.1", server.api().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            // Keep-alive: the connection stays open after a complete answer, so stop at its end.
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                    if (received.size() >= after && !wire.ranMidway) {
                        wire.ranMidway = true;
                        midway.run();
                    }
                    if (ChunkedWire.complete(received.toByteArray())) {
                        break;
                    }
                }
            } catch (SocketException e) {
                wire.reset = true;
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        wire.parse(received.toByteArray());
        return wire;
    }

    /** Whether {@code raw} already holds a whole answer: its chunked body's end, or all of its Content-Length. */
    static boolean complete(byte[] raw) {
        if (indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0) < 0) {
            return false;
        }
        ChunkedWire wire = new ChunkedWire();
        wire.parse(raw);
        return wire.chunked ? wire.terminated : wire.contentLength >= 0 && wire.body.length >= wire.contentLength;
    }

    private void parse(byte[] raw) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        assertThat(headEnd).as("a complete status line and headers").isPositive();
        head = new String(raw, 0, headEnd, StandardCharsets.US_ASCII);
        status = Integer.parseInt(head.substring(9, 12));
        chunked = head.toLowerCase().contains("transfer-encoding: chunked");
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                contentLength = Long.parseLong(line.substring(15).trim());
            }
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        int at = headEnd + 4;
        if (!chunked) {
            decoded.write(raw, at, raw.length - at);
        } else {
            while (true) {
                int lineEnd = indexOf(raw, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
                at = lineEnd + 2;
                if (size == 0) {
                    terminated = indexOf(raw, "\r\n".getBytes(StandardCharsets.US_ASCII), at) >= 0;
                    break;
                }
                if (at + size + 2 > raw.length) {
                    decoded.write(raw, at, Math.min(size, raw.length - at));
                    break;
                }
                decoded.write(raw, at, size);
                at += size + 2;
            }
        }
        body = decoded.toByteArray();
    }

    /** A failed answer: an error status, or a 200 whose chunked body never ends and is not JSON. */
    void assertCutShort() {
        if (status != 200) {
            assertThat(status).as("an error status before the answer started").isGreaterThanOrEqualTo(500);
            return;
        }
        assertThat(chunked).as("a streamed 200 answer is chunked: %s", head).isTrue();
        assertThat(body.length).as("part of the answer arrived before the failure").isGreaterThan(8192);
        assertThat(terminated && !reset).as("the chunked answer must not end cleanly (terminated=%s, reset=%s)",
                terminated, reset).isFalse();
        assertThat(terminated).as("no terminating 0-length chunk").isFalse();
        assertThatThrownBy(() -> JSON.readTree(body)).as("the bytes received are not valid JSON")
                .isInstanceOf(IOException.class);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
