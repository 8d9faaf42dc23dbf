package org.k2store.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.k2store.server.RawHttp.Answer;

/**
 * Raw client sockets bound to a chosen loopback address (Linux routes 127.0.0.2-6 to a service on
 * 127.0.0.1), for the tests of what the API port does with connections rather than requests.
 */
final class LoopbackSockets {

    private LoopbackSockets() {
    }

    static Socket connectFrom(String address, int port, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(readTimeoutMillis);
        return socket;
    }

    /** A whole GET of /openapi.yaml from {@code address} on a new connection, and its answer. */
    static Answer served(String address, int port) throws IOException {
        try (Socket socket = connectFrom(address, port, 20_000)) {
            socket.getOutputStream().write("GET /openapi.yaml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return Answer.read(socket.getInputStream());
        }
    }

    /** True when the service closed the connection without answering anything (checked for 50 ms). */
    static boolean closedUnread(Socket socket) {
        try {
            socket.setSoTimeout(50);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException waiting) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Neither answered nor closed: the service still holds the connection, waiting for the rest of its request. */
    static boolean stillWaiting(Socket socket) {
        try {
            socket.setSoTimeout(200);
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException waiting) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /**
     * Writes one byte; false once the service has closed the connection. A write into a socket the
     * peer closed still succeeds once (the peer answers it with a reset), so this learns of a close
     * a byte late.
     */
    static boolean stillOpenAfterWriting(Socket socket, byte value) {
        try {
            socket.getOutputStream().write(value);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
