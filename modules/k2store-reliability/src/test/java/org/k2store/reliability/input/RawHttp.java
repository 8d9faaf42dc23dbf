package org.k2store.reliability.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 over a plain socket, one connection per request: unlike java.net.http it sends any
 * method, request target, header and body bytes as given (broken percent-encoding, raw UTF-8 or
 * invalid bytes in a path, a lying Content-Type), which is what hostile-input tests need.
 */
final class RawHttp {

    private final String host;
    private final int port;

    RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    Reply send(Request request) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.head(host + ":" + port));
                out.write(request.body());
                out.flush();
            } catch (SocketException e) {
                // The service may answer (413) and close before an oversized body is sent: read its answer.
            }
            return Reply.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + request.method() + " " + request.target(), e);
        }
    }

    Reply get(String target, String token) {
        return send(Request.of("GET", target, token, null, new byte[0]));
    }

    Reply json(String method, String target, String token, String body) {
        return send(Request.of(method, target, token, "application/json", body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // A reset after the answer was sent (the service closed with request bytes unread) ends it.
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    /** A request as bytes on the wire: {@code target} is written exactly as given. */
    record Request(String method, String target, List<String[]> headers, byte[] body) {

        static Request of(String method, String target, String token, String contentType, byte[] body) {
            List<String[]> headers = new ArrayList<>();
            if (token != null) {
                headers.add(new String[] {"Authorization", "Bearer " + token});
            }
            if (contentType != null) {
                headers.add(new String[] {"Content-Type", contentType});
            }
            return new Request(method, target, headers, body);
        }

        Request withHeader(String name, String value) {
            List<String[]> more = new ArrayList<>(headers);
            more.add(new String[] {name, value});
            return new Request(method, target, more, body);
        }

        byte[] head(String hostHeader) {
            StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (headers.stream().noneMatch(header -> header[0].equalsIgnoreCase("Host"))) {
                head.append("Host: ").append(hostHeader).append("\r\n"); // unless the request names its own
            }
            head.append("Connection: close\r\n");
            for (String[] header : headers) {
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
