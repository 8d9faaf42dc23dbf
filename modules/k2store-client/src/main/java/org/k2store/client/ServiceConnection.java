package org.k2store.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One keep-alive HTTP/1.1 connection to a service instance, used by one call thread at a time: it
 * writes a request and reads the answer's head, then hands out the body as a stream framed by the
 * head ({@link AnswerBody}). The service is k2store's own Jetty, so only what it sends is read:
 * Content-Length or chunked bodies, or a body up to the close.
 */
final class ServiceConnection implements AutoCloseable {

    /** The answer's status line and the headers the client uses. */
    record Head(int status, long contentLength, boolean chunked, boolean keepAlive, Optional<String> retryAfter) {
    }

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private ServiceConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    static ServiceConnection open(ServiceAddress address, int connectMillis, int readMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout(readMillis);
            socket.connect(new InetSocketAddress(address.host(), address.port()), connectMillis);
            return new ServiceConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The stream whose closing closes the connection: what an attempt's deadline closes to end a blocked read. */
    InputStream input() {
        return in;
    }

    /** Writes the request and reads the head of its answer (informational 1xx answers skipped). */
    Head exchange(byte[] requestHead, byte[] body) throws IOException {
        out.write(requestHead);
        if (body != null) {
            out.write(body);
        }
        out.flush();
        while (true) {
            Head head = readHead();
            if (head.status() >= 200 || head.status() == 101) {
                return head;
            }
        }
    }

    /** The body of the answer whose head was just read. */
    AnswerBody body(String method, Head head) {
        if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
            return AnswerBody.fixed(in, 0, head.keepAlive());
        }
        if (head.chunked()) {
            return AnswerBody.chunked(in, head.keepAlive());
        }
        if (head.contentLength() >= 0) {
            return AnswerBody.fixed(in, head.contentLength(), head.keepAlive());
        }
        return AnswerBody.untilClose(in);
    }

    private Head readHead() throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new EOFException("the connection closed before an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new ProtocolException("not an HTTP/1.x status line: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad status code in: " + abbreviate(statusLine));
        }
        long length = -1;
        boolean chunked = false;
        String connection = "";
        Optional<String> retryAfter = Optional.empty();
        int count = 0;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            if (++count > MAX_HEADERS) {
                throw new ProtocolException("more than " + MAX_HEADERS + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("bad header line: " + abbreviate(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = contentLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> connection = connection + "," + value.toLowerCase(Locale.ROOT);
                case "retry-after" -> retryAfter = Optional.of(value);
                default -> {
                }
            }
        }
        boolean keepAlive = parts[0].equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        return new Head(status, length, chunked, keepAlive, retryAfter);
    }

    private static long contentLength(String value) throws ProtocolException {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new ProtocolException("bad Content-Length: " + abbreviate(value));
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad Content-Length: " + abbreviate(value));
        }
    }

    /** One line without its CRLF (a bare LF too); null when the stream ends before any byte of it. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new ProtocolException("a line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
        if (line.length() == 0) {
            return null;
        }
        throw new EOFException("the connection closed inside a line");
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    /** The request head for {@code method} on {@code target}, in ISO-8859-1 as HTTP/1.1 wants it. */
    static byte[] requestHead(String method, String target, String hostHeader, String authorization, byte[] body) {
        StringBuilder head = new StringBuilder(200).append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\nAccept: application/json\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
