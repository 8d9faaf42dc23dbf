package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.server.RawHttp.Answer;

/**
 * limits.headerDeadline: a request's headers trickled a byte at a time keep resetting Jetty's idle
 * timeout, so only a deadline on the headers ends them. Here 2 s, 8 connections per address, 24 in
 * all; clients on 127.0.0.2-6.
 */
@ExtendWith(CassandraExtension.class)
class HeaderDeadlineTest {

    private static final int PER_ADDRESS = 8;
    private static final int SERVICE_WIDE = 24;
    private static final long DEADLINE_MILLIS = 2_000;
    private static final byte[] REQUEST = "GET /openapi.yaml HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: trickle\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private static TestServer server;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("tenants.yml", StoreTuning.PRODUCTION, cassandra,
                ConfigOverride.config("limits.maxConnectionsPerAddress", Integer.toString(PER_ADDRESS)),
                ConfigOverride.config("limits.maxConnections", Integer.toString(SERVICE_WIDE)),
                ConfigOverride.config("limits.headerDeadline", "PT2S"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTrickledHeaderIsClosedAtTheDeadlineWhileIdleAndPromptConnectionsAreNot() throws Exception {
        long closedBefore = closedByDeadline();
        try (Socket trickle = connect("127.0.0.2"); Socket idle = connect("127.0.0.2")) {
            long started = System.nanoTime();
            int sent = 0;
            // A byte every 100 ms: the request would be whole after about 7 s.
            while (sent < REQUEST.length - 1 && LoopbackSockets.stillOpenAfterWriting(trickle, REQUEST[sent])) {
                sent++;
                Thread.sleep(100);
            }
            long closedAfterMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(sent).as("cut before its headers were whole").isLessThan(REQUEST.length - 1);
            assertThat(closedAfterMillis).as("ms until the trickle was closed").isBetween(DEADLINE_MILLIS - 100, DEADLINE_MILLIS + 3_000);
            assertThat(LoopbackSockets.stillWaiting(idle)).as("a connection that sent nothing is the idle timeout's").isTrue();
        }
        assertThat(LoopbackSockets.served("127.0.0.3", server.api().getPort()).status()).as("a prompt request").isEqualTo(200);
        assertThat(closedByDeadline() - closedBefore).as("k2store.connections.header_deadline_closed").isPositive();
    }

    @Test
    void aRequestWhoseHeadersTakeLessThanTheDeadlineIsServed() throws Exception {
        try (Socket slow = connect("127.0.0.4")) {
            slow.setSoTimeout(10_000);
            int half = REQUEST.length / 2;
            slow.getOutputStream().write(REQUEST, 0, half);
            Thread.sleep(DEADLINE_MILLIS / 2);
            slow.getOutputStream().write(REQUEST, half, REQUEST.length - half);
            assertThat(Answer.read(slow.getInputStream()).status()).isEqualTo(200);
        }
    }

    /**
     * Four addresses, each within its cap, trickling headers fast enough that no connection is ever
     * idle for the second the full service allows: without the deadline they kept the service-wide cap
     * full and the port accepted no one else for as long as they went on.
     */
    @Test
    void tricklesFromManyAddressesCannotKeepTheServiceFull() throws Exception {
        List<Socket> flood = new ArrayList<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        Thread trickler = new Thread(() -> trickle(flood, flooding), "trickler");
        try {
            for (String address : List.of("127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6")) {
                for (int i = 0; i < PER_ADDRESS; i++) {
                    flood.add(connect(address)); // past the service-wide cap these wait in the port's backlog
                }
            }
            trickler.start();
            Thread.sleep(500);
            long started = System.nanoTime();
            Answer answer = LoopbackSockets.served("127.0.0.1", server.api().getPort());
            long servedAfterMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(answer.status()).isEqualTo(200);
            // The trickle alone lasts 14 s (a byte every 200 ms); without the deadline nobody new was served before it ended.
            assertThat(servedAfterMillis).as("ms until a new client was served while the trickle went on").isLessThan(8_000);
        } finally {
            flooding.set(false);
            trickler.join(5_000);
            LoopbackSockets.closeAll(flood);
        }
    }

    /** Sends every socket the next byte of a request every 200 ms, until stopped or every socket is closed. */
    private static void trickle(List<Socket> sockets, AtomicBoolean going) {
        int next = 0;
        while (going.get() && next < REQUEST.length - 1) {
            int open = 0;
            for (Socket socket : sockets) {
                if (LoopbackSockets.stillOpenAfterWriting(socket, REQUEST[next])) {
                    open++;
                }
            }
            if (open == 0) {
                return;
            }
            next++;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Socket connect(String address) throws IOException {
        return LoopbackSockets.connectFrom(address, server.api().getPort(), 200);
    }

    private static long closedByDeadline() {
        return server.metrics().meter("k2store.connections.header_deadline_closed").getCount();
    }
}
