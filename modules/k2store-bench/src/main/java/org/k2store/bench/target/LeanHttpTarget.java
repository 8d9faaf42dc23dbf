package org.k2store.bench.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.Base64Url;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Futures;
import org.k2store.bench.PerWriterStore;
import org.k2store.bench.Workload;
import org.k2store.client.K2StoreClient;
import org.k2store.client.SpaceId;

/**
 * {@code http-lean}: the same k2store service as the {@code http} target, posted to by
 * {@link LeanHttpClient} (one persistent keep-alive connection per writer, Content-Length bodies) instead
 * of K2StoreClient: the service's own cost, with as little client as possible. A call is acknowledged on
 * a 2xx answer; the answer's ids are not parsed. Ingest only (the space is created through K2StoreClient).
 */
public final class LeanHttpTarget implements BenchTarget {

    private final ServerProcess server;
    private final K2StoreClient client;

    public LeanHttpTarget(ServerProcess server) {
        this.server = server;
        this.client = K2StoreClient.builder(server.baseUri()).build();
    }

    @Override
    public String name() {
        return "http-lean";
    }

    @Override
    public String description() {
        return "the k2store service at " + server.baseUri() + " (shared with the http target) through a minimal keep-alive HTTP/1.1 client on"
                + " java.net.Socket, one connection per writer; acknowledged = 2xx";
    }

    @Override
    public Set<Workload> workloads() {
        return EnumSet.of(Workload.INGEST);
    }

    @Override
    public OpStore create(String space, SpaceSettings settings, MicrosClock clock) {
        SpaceId id = SpaceId.parse(space);
        Futures.join(client.createSpace(id, settings));
        return new Lean("/v1/spaces/" + id.base64() + "/ops");
    }

    /** A JSON body {"ops": [base64url, ...]}, as K2StoreClient sends it. */
    static byte[] body(List<byte[]> ops) {
        StringBuilder json = new StringBuilder(16 + ops.size() * (ops.isEmpty() ? 0 : ops.get(0).length * 4 / 3 + 4)).append("{\"ops\":[");
        for (int i = 0; i < ops.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(Base64Url.encode(ops.get(i))).append('"');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The space's store: hands each writer a connection of its own. */
    private final class Lean extends IngestOnlyStore implements PerWriterStore {

        private final String path;

        Lean(String path) {
            this.path = path;
        }

        @Override
        public OpStore forWriter() {
            return new Connection(path);
        }

        /** Without a writer of its own (a one-off call): a connection for the call. */
        @Override
        public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
            try (Connection once = new Connection(path)) {
                return once.processIncomingOps(ops);
            }
        }
    }

    /** One writer's persistent connection; calls run on the caller's thread. */
    private final class Connection extends IngestOnlyStore implements AutoCloseable {

        private final String path;
        private final LeanHttpClient http;

        Connection(String path) {
            this.path = path;
            this.http = new LeanHttpClient(server.baseUri().getHost(), server.baseUri().getPort(), 60_000);
        }

        @Override
        public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
            try {
                LeanHttpClient.Response response = http.post(path, "application/json", body(ops));
                if (response.status() / 100 != 2) {
                    String text = response.bodyText();
                    return CompletableFuture.failedFuture(new IOException("HTTP " + response.status() + ": "
                            + (text.length() > 200 ? text.substring(0, 200) : text)));
                }
                return CompletableFuture.completedFuture(List.of());
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
