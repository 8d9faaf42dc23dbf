package org.k2store.client;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Exchange} over plain keep-alive sockets, the request written and the answer read on the
 * call thread itself: no selector thread, no executor hand-offs. Measured against the JDK client's
 * blocking send on the same service (module README), it is what a small call's time is made of.
 * Each service instance keeps at most {@code maxIdle} idle connections (the call threads' number);
 * more are closed after their call. A connection the service closed while it was idle fails at its
 * first read: the attempt then goes once more on a fresh one (every v1 call is idempotent).
 */
final class SocketExchange implements Exchange {

    private final String authorization;
    private final int connectMillis;
    private final int readMillis;
    private final Duration requestTimeout;
    private final AttemptDeadlines deadlines;
    private final int maxIdle;
    /** Keyed by the configured base URIs, so it holds one entry per service instance. */
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();

    SocketExchange(String token, Duration connectTimeout, Duration requestTimeout, AttemptDeadlines deadlines, int maxIdle) {
        this.authorization = token == null ? null : "Bearer " + token;
        this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.readMillis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
        this.requestTimeout = requestTimeout;
        this.deadlines = deadlines;
        this.maxIdle = maxIdle;
    }

    /** One service instance: its address and its idle connections. */
    private record Instance(ServiceAddress address, BlockingQueue<ServiceConnection> idle) {
    }

    @Override
    public <T> Reply<T> send(String base, HttpTransport.Call<T> call) throws IOException {
        Instance instance = instances.computeIfAbsent(base, b -> new Instance(ServiceAddress.of(b), new ArrayBlockingQueue<>(maxIdle)));
        byte[] head = ServiceConnection.requestHead(call.method(), instance.address().pathPrefix() + call.path(), instance.address().hostHeader(),
                authorization, call.body());
        AttemptDeadlines.Deadline deadline = deadlines.start();
        ServiceConnection connection = null;
        boolean keep = false;
        try {
            ServiceConnection.Head answer = null;
            connection = instance.idle().poll();
            if (connection != null) {
                deadline.watch(connection.input());
                try {
                    answer = connection.exchange(head, call.body());
                } catch (IOException e) {
                    // The service closed it while it was idle (or it broke): once more on a fresh connection.
                    connection.close();
                    connection = null;
                }
            }
            if (connection == null) {
                connection = ServiceConnection.open(instance.address(), connectMillis, readMillis);
                deadline.watch(connection.input());
                answer = connection.exchange(head, call.body());
            }
            AnswerBody body = connection.body(call.method(), answer);
            Reply<T> reply = Reply.of(call, answer.status(), body, answer.retryAfter());
            // Whatever the reader left unread (nothing, for a whole answer) would desynchronise the next request.
            keep = body.reusable() || drained(body);
            return reply;
        } catch (IOException e) {
            if (deadline.end()) {
                throw new HttpTimeoutException("the answer did not arrive whole within " + requestTimeout);
            }
            throw e;
        } finally {
            boolean expired = deadline.end();
            if (connection != null) {
                if (keep && !expired && instance.idle().offer(connection)) {
                    connection = null;
                } else {
                    connection.close();
                }
            }
        }
    }

    /** Reads what is left of a small remainder (an error body past its cut is not read: the connection closes). */
    private static boolean drained(AnswerBody body) throws IOException {
        byte[] scrap = new byte[512];
        for (int i = 0; i < 4; i++) {
            if (body.read(scrap) < 0) {
                return body.reusable();
            }
        }
        return false;
    }

    /** Closes the idle connections (the client is closing). */
    void close() {
        for (Instance instance : instances.values()) {
            for (ServiceConnection c = instance.idle().poll(); c != null; c = instance.idle().poll()) {
                c.close();
            }
        }
    }
}
