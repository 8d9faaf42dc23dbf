package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/**
 * Large answers are read as they arrive, not buffered whole first; and an answer that stalls or
 * whose connection breaks mid-body fails the call as unanswered, never as a shorter answer. Against a
 * fake instance on a plain socket, which can send a chunked answer in pieces, pause or cut it. Each
 * case runs on both of the client's paths: its own sockets, and the JDK client it uses for TLS,
 * proxies or a caller's own HttpClient.
 */
class LargeAnswersTest {

    private static final SpaceId SPACE = SpaceId.parse("AQID");
    private static final int IDS = 200_000;

    private ServerSocket socket;
    private Thread serving;

    @AfterEach
    void stop() throws Exception {
        socket.close();
        serving.interrupt();
    }

    /** What the fake instance does with the one connection it accepts, after reading the request head. */
    @FunctionalInterface
    private interface Answer {
        void write(OutputStream out) throws Exception;
    }

    private URI instance(Answer answer) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = new Thread(() -> {
            try (Socket connection = socket.accept()) {
                InputStream in = connection.getInputStream();
                int matched = 0;
                while (matched < 4) { // up to the blank line after the headers (GET: no body)
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                OutputStream out = connection.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                answer.write(out);
            } catch (Exception e) {
                // the test ended, or the client gave up on the connection
            }
        });
        serving.setDaemon(true);
        serving.start();
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String id(int n) {
        return OpId.of(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}).toBase64();
    }

    /** The first {@code from}..{@code to} ids of the answer, as JSON array elements. */
    private static String ids(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int n = from; n < to; n++) {
            text.append(n == 0 ? "\"" : ",\"").append(id(n)).append('"');
        }
        return text.toString();
    }

    /** On the client's own sockets, or (a caller's HttpClient, as with TLS or a proxy) on the JDK client. */
    private static K2StoreClient client(URI uri, Duration timeout, boolean jdkPath) {
        K2StoreClient.Builder builder = K2StoreClient.builder(uri).retryPolicy(RetryPolicy.NONE).requestTimeout(timeout);
        if (jdkPath) {
            builder.httpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }
        return builder.build();
    }

    @ParameterizedTest(name = "JDK client: {0}")
    @ValueSource(booleans = {false, true})
    void aLargeSliceSentSlowlyInChunksIsReadWhole(boolean jdkPath) throws Exception {
        URI uri = instance(out -> {
            chunk(out, "{\"op_ids\":[");
            for (int from = 0; from < IDS; from += 10_000) {
                chunk(out, ids(from, from + 10_000));
                Thread.sleep(5);
            }
            chunk(out, "],\"total_bytes\":" + IDS + "}");
            chunk(out, "");
        });
        try (K2StoreClient client = client(uri, Duration.ofSeconds(30), jdkPath)) {
            TimeSliceHashes slice = client.store(SPACE).retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(1))
                    .get(30, TimeUnit.SECONDS);
            assertThat(slice.opIds()).hasSize(IDS);
            assertThat(slice.opIds().get(IDS - 1).toBase64()).isEqualTo(id(IDS - 1));
            assertThat(slice.totalBytes()).isEqualTo(IDS);
        }
    }

    @ParameterizedTest(name = "JDK client: {0}")
    @ValueSource(booleans = {false, true})
    void theAnswerIsReadBeforeItHasAllArrived(boolean jdkPath) throws Exception {
        // The instance sends the rest only once the reader has seen the start: a client that buffered
        // the whole body before reading it would wait for ever (here: fail on the request timeout).
        CountDownLatch startRead = new CountDownLatch(1);
        URI uri = instance(out -> {
            chunk(out, "{\"op_ids\":[" + ids(0, 1000));
            if (!startRead.await(10, TimeUnit.SECONDS)) {
                return;
            }
            chunk(out, ids(1000, 2000) + "]}");
            chunk(out, "");
        });
        try (K2StoreClient client = client(uri, Duration.ofSeconds(10), jdkPath)) {
            HttpTransport.AnswerReader<Integer> reader = (status, body) -> {
                byte[] first = body.readNBytes(100);
                startRead.countDown();
                return first.length + body.readAllBytes().length;
            };
            CompletableFuture<Integer> answer = client.transport().send(new HttpTransport.Call<>("test", "GET", "/v1/anything", null,
                    Set.of(200), SPACE, reader));
            assertThat(answer.get(15, TimeUnit.SECONDS)).isEqualTo(("{\"op_ids\":[" + ids(0, 2000) + "]}").length());
        }
    }

    @ParameterizedTest(name = "JDK client: {0}")
    @ValueSource(booleans = {false, true})
    void anAnswerThatStallsFailsOnTheRequestTimeout(boolean jdkPath) throws Exception {
        URI uri = instance(out -> {
            chunk(out, "{\"op_ids\":[" + ids(0, 10));
            Thread.sleep(20_000);
        });
        try (K2StoreClient client = client(uri, Duration.ofMillis(500), jdkPath)) {
            long start = System.nanoTime();
            CompletableFuture<List<OpId>> call = client.store(SPACE).filterOutExistingOps(List.of(OpId.of(new byte[] {1})));
            assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(ServiceUnavailableException.class).withMessageContaining("no answer");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the call failed").isBetween(400L, 4_000L);
        }
    }

    @ParameterizedTest(name = "JDK client: {0}")
    @ValueSource(booleans = {false, true})
    void anAnswerWhoseConnectionBreaksMidBodyFailsAsUnanswered(boolean jdkPath) throws Exception {
        URI uri = instance(out -> chunk(out, "{\"op_ids\":[" + ids(0, 10) + "],\"total_bytes\":10}")); // no last chunk, then closed
        try (K2StoreClient client = client(uri, Duration.ofSeconds(5), jdkPath)) {
            CompletableFuture<TimeSliceHashes> call = client.store(SPACE).retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0),
                    new Timestamp(1));
            assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(ServiceUnavailableException.class);
        }
    }
}
