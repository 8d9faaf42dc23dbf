package org.k2store.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 written and read byte by byte over a socket, for tests that send a body in parts or hold it back. */
final class RawHttp {

    private RawHttp() {
    }

    static Socket connect(TestServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.api().getPort());
        socket.setSoTimeout(15_000);
        return socket;
    }

    static byte[] post(String path, String headers, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A filter-existing body of exactly {@code bytes} bytes: as many 32-byte ids as fit, then spaces. */
    static byte[] filterBody(int bytes) {
        StringBuilder json = new StringBuilder("{\"op_ids\": [");
        String id = "\"" + "A".repeat(43) + "\"";
        while (json.length() + id.length() + 3 < bytes) {
            json.append(json.length() > 12 ? "," : "").append(id);
        }
        json.append("]}");
        return (json + " ".repeat(bytes - json.length())).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] opCount(String space, String headers) {
        return ("GET /v1/spaces/" + space + "/op-count HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static void send(Socket socket, byte[] head, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head);
        out.write(body);
        out.flush();
    }

    /** One answer (a Content-Length or a chunked body), read off the connection and no further. */
    record Answer(int status, String head, String body) {

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
            Answer bare = new Answer(Integer.parseInt(text.substring(9, 12)), text, "");
            if ("chunked".equalsIgnoreCase(bare.header("transfer-encoding"))) {
                return new Answer(bare.status, text, new String(chunks(in), StandardCharsets.UTF_8));
            }
            String length = bare.header("content-length");
            if (length == null) {
                throw new IOException("an answer with neither Content-Length nor chunks: " + text);
            }
            return new Answer(bare.status, text, new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8));
        }

        private static byte[] chunks(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in); // the empty line after the last chunk (no trailers are sent)
            return body.toByteArray();
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("the connection closed inside a chunked answer");
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.US_ASCII).trim();
        }
    }
}
