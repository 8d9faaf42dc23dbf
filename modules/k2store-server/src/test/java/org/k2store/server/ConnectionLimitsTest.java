package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.server.RawHttp.Answer;

/**
 * limits.maxConnectionsPerAddress and limits.maxConnections: connections that send nothing, or
 * only the start of a request, hold no request slot, so only these caps bound them. Clients come
 * from distinct loopback addresses (127.0.0.2-6), which Linux routes to the service on 127.0.0.1.
 */
@ExtendWith(CassandraExtension.class)
class ConnectionLimitsTest {

    private static final int PER_ADDRESS = 8;
    /** Three addresses at their cap fill the service. */
    private static final int SERVICE_WIDE = 3 * PER_ADDRESS;
    private static final byte[] HALF_A_REQUEST = "GET /openapi.yaml HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII);

    private static TestServer server;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("tenants.yml", StoreTuning.PRODUCTION, cassandra,
                ConfigOverride.config("limits.maxConnectionsPerAddress", Integer.toString(PER_ADDRESS)),
                ConfigOverride.config("limits.maxConnections", Integer.toString(SERVICE_WIDE)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConnectionPastItsAddressCapIsClosedUnreadWhileOtherAddressesAreServed() throws Exception {
        List<Socket> held = open("127.0.0.2", PER_ADDRESS + 1);
        try {
            // Which one is closed depends on the order the service's selectors open them: exactly one.
            List<Socket> closed = new ArrayList<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (closed.isEmpty() && System.nanoTime() < deadline) {
                held.stream().filter(LoopbackSockets::closedUnread).forEach(closed::add);
            }
            assertThat(closed).as("closed without an answer").hasSize(1);
            held.removeAll(closed);
            LoopbackSockets.closeAll(closed);
            assertThat(LoopbackSockets.served("127.0.0.3", server.api().getPort()).status()).as("another address").isEqualTo(200);
            assertThat(held.stream().filter(LoopbackSockets::stillWaiting).count()).as("the held ones stay").isEqualTo(PER_ADDRESS);
            held.remove(0).close();
            assertThat(servedSoon("127.0.0.2").status()).as("one closed: room for one more").isEqualTo(200);
        } finally {
            LoopbackSockets.closeAll(held);
        }
    }

    @Test
    void atTheServiceWideCapIdleConnectionsAreShedSoANewClientIsServed() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (String address : List.of("127.0.0.4", "127.0.0.5", "127.0.0.6")) {
                idle.addAll(open(address, PER_ADDRESS));
            }
            // The port stops accepting; idle connections get a second, not the connector's 30 s.
            long started = System.nanoTime();
            Answer answer = LoopbackSockets.served("127.0.0.1", server.api().getPort());
            assertThat(answer.status()).isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds until served").isLessThan(15);
            assertThat(idle.stream().filter(socket -> !LoopbackSockets.stillWaiting(socket)).count()).as("idle connections shed").isPositive();
        } finally {
            LoopbackSockets.closeAll(idle);
        }
    }

    /** {@code count} connections from {@code address}, each having sent the start of a request. */
    private static List<Socket> open(String address, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = LoopbackSockets.connectFrom(address, server.api().getPort(), 200);
            socket.getOutputStream().write(HALF_A_REQUEST);
            sockets.add(socket);
        }
        return sockets;
    }

    /** The service learns of a closed connection a moment after the client closed it. */
    private static Answer servedSoon(String address) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return LoopbackSockets.served(address, server.api().getPort());
            } catch (IOException closed) {
                if (attempt == 20) {
                    throw closed;
                }
                Thread.sleep(50);
            }
        }
    }
}
