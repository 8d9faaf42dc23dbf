package org.k2store.bench.target;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal keep-alive HTTP/1.1 client over one plain {@link Socket}: requests with a Content-Length
 * body, responses read as status line, headers, then a Content-Length or chunked body (or, with
 * neither, up to the end of the connection). One instance is one persistent connection, used by one
 * thread at a time; it reconnects when the server closed it. For the {@code http-lean} target: what the
 * service costs without the JDK client's machinery in front of it.
 */
public final class LeanHttpClient implements AutoCloseable {

    /** One answer: status code, headers (lower-case names) and body. */
    public record Response(int status, Map<String, String> headers, byte[] body, boolean keepAlive) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_LINE = 16 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public LeanHttpClient(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** POSTs {@code body} to {@code path} on the persistent connection (opened or reopened as needed). */
    public Response post(String path, String contentType, byte[] body) throws IOException {
        return send("POST", path, contentType, body);
    }

    public Response send(String method, String path, String contentType, byte[] body) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(method, path, contentType, body);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            // The server may close an idle keep-alive connection between two calls: one fresh attempt.
            return exchange(method, path, contentType, body);
        }
    }

    private Response exchange(String method, String path, String contentType, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append(':').append(port).append("\r\nConnection: keep-alive\r\nAccept: application/json\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        Response response = read(in, method.equals("HEAD"));
        if (!response.keepAlive()) {
            close();
        }
        return response;
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
    }

    /** Reads one response from {@code in}: status line, headers, body. Package-visible for the tests. */
    static Response read(InputStream in, boolean headOnly) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new EOFException("connection closed before a status line");
        }
        // "HTTP/1.1 200 OK": the version, the code, an optional reason phrase.
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad status code in: " + statusLine);
        }
        Map<String, String> headers = headers(in);
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean keepAlive = parts[0].equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        byte[] body;
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        String length = headers.get("content-length");
        if (headOnly || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (encoding.contains("chunked")) {
            body = chunked(in);
        } else if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + length);
            }
            if (n < 0 || n > Integer.MAX_VALUE - 8) {
                throw new IOException("bad Content-Length: " + length);
            }
            body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new EOFException("body ended after " + body.length + " of " + n + " bytes");
            }
        } else {
            body = in.readAllBytes();
            keepAlive = false;
        }
        return new Response(status, headers, body, keepAlive);
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line: " + header);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return headers;
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';'); // chunk extensions are ignored
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + sizeLine);
            }
            if (size < 0) {
                throw new IOException("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                headers(in); // trailer fields, up to the empty line
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("chunk ended after " + chunk.length + " of " + size + " bytes");
            }
            body.write(chunk);
            String end = line(in);
            if (end == null || !end.isEmpty()) {
                throw new IOException("no CRLF after a chunk");
            }
        }
    }

    /** One line without its CRLF (a bare LF is accepted too); null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
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
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
        if (line.length() == 0) {
            return null;
        }
        throw new EOFException("connection closed inside a line");
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
