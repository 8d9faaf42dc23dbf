package org.k2store.bench.transport;

import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.k2store.bench.target.LeanHttpClient;

/**
 * The floor, not a candidate: the bench's minimal HTTP/1.1 client on plain sockets (one keep-alive
 * connection per thread of the bounded executor). What any library costs is measured above this.
 */
final class SocketFloorTransport implements CandidateTransport {

    private final BoundedCalls calls;
    private final BlockingQueue<LeanHttpClient> connections;

    SocketFloorTransport(String base, int maxInFlight) {
        URI uri = URI.create(base);
        this.calls = new BoundedCalls("socket-floor", maxInFlight);
        this.connections = new ArrayBlockingQueue<>(maxInFlight);
        for (int i = 0; i < maxInFlight; i++) {
            connections.add(new LeanHttpClient(uri.getHost(), uri.getPort(), 60_000));
        }
    }

    @Override
    public String name() {
        return "socket-floor";
    }

    @Override
    public CompletableFuture<byte[]> call(Request request) {
        return calls.submit(() -> {
            LeanHttpClient connection = connections.take();
            try {
                LeanHttpClient.Response response = request.body() == null ? connection.send("GET", request.path(), null, null)
                        : connection.post(request.path(), "application/json", request.body());
                return JdkAsyncTransport.ok(response.status(), response.body());
            } finally {
                connections.add(connection);
            }
        });
    }

    @Override
    public void close() {
        calls.close();
        connections.forEach(LeanHttpClient::close);
    }
}
