package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * Slow-loris connections (input/attack.yml: limits.maxConnectionsPerAddress 256): 1,000 connections
 * from one address (127.0.0.2) that each send the start of a request and then nothing. They hold no
 * request slot, so only the per-address cap keeps them from taking every file descriptor
 * the service has: the rest are closed unread, the tenant is served from another address all the
 * while, and the address is served again once its connections close.
 */
@ExtendWith(CassandraExtension.class)
class ConnectionFloodAttackTest {

    @RegisterExtension
    static final ServiceUnderTest attacked = new ServiceUnderTest("attack.yml");

    private static final String TENANT = "attack-token";
    private static final String FLOOD_ADDRESS = "127.0.0.2";
    private static final int FLOOD = 1_000;
    private static final int PER_ADDRESS = 256;

    private static SpaceFixture space;

    @BeforeAll
    static void start() {
        space = SpaceFixture.create(attacked.api(), TENANT, "connection-flood", 5, 1_700_000_000_000_000L);
    }

    @Test
    void oneAddressHoldsAtMostItsCapWhileTheTenantIsServed() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            byte[] half = ("GET " + space.path() + "/op-count HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < FLOOD; i++) {
                Socket socket = connectFrom(FLOOD_ADDRESS);
                socket.getOutputStream().write(half);
                flood.add(socket);
            }
            for (int i = 0; i < 10; i++) {
                Reply count = attacked.api().get(space.path() + "/op-count", TENANT);
                assertThat(count.status()).as("the tenant, from another address, during the flood: " + count.text()).isEqualTo(200);
            }
            int held = 0;
            for (Socket socket : flood) {
                held += stillHeld(socket) ? 1 : 0;
            }
            assertThat(held).as("connections the service holds for the flooding address").isLessThanOrEqualTo(PER_ADDRESS);
            Reply metrics = attacked.admin().get("/metrics", "admin-token");
            assertThat(metrics.json().path("meters").path("k2store.connections.refused_per_address").path("count").asLong())
                    .as("refused connections counted").isGreaterThanOrEqualTo(FLOOD - PER_ADDRESS);
            assertThat(attacked.admin().get("/healthcheck", null).status()).isEqualTo(200);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        assertThat(servedFromFloodAddress()).as("the address, once its connections closed").isEqualTo(200);
    }

    private static Socket connectFrom(String address) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress(attacked.service().api().getHost(), attacked.service().api().getPort()), 5_000);
        return socket;
    }

    /** Neither answered nor closed within 5 ms: the service still waits for the rest of the request. */
    private static boolean stillHeld(Socket socket) {
        try {
            socket.setSoTimeout(5);
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException waiting) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** The service learns of the closed connections a moment after the client closed them. */
    private static int servedFromFloodAddress() throws Exception {
        byte[] request = ("GET " + space.path() + "/op-count HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TENANT
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; ; attempt++) {
            try (Socket socket = connectFrom(FLOOD_ADDRESS)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request);
                String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                if (head.startsWith("HTTP/1.1 ")) {
                    return Integer.parseInt(head.substring(9, 12));
                }
            } catch (IOException closed) {
                // closed unread, like an empty answer below: not yet below the cap
            }
            if (attempt == 40) {
                throw new AssertionError("the flooding address was still refused 2 s after its connections closed");
            }
            Thread.sleep(50);
        }
    }
}
