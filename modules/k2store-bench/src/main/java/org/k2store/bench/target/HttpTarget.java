package org.k2store.bench.target;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Futures;
import org.k2store.bench.Workload;
import org.k2store.client.K2StoreClient;
import org.k2store.client.SpaceId;

/**
 * k2store through its HTTP service: {@link K2StoreClient}'s RemoteOpStore talking to the service in
 * its own JVM ({@link ServerProcess}), which runs the same Cassandra store over the same keyspace.
 * It reads the spaces the library target loaded, so both answer from the same rows.
 */
public final class HttpTarget implements BenchTarget {

    private final ServerProcess server;
    private final K2StoreClient client;
    private final String readsDataOf;

    public HttpTarget(ServerProcess server, String readsDataOf) {
        this.server = server;
        this.readsDataOf = readsDataOf;
        this.client = K2StoreClient.builder(server.baseUri()).maxIdsPerRequest(10_000).build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "k2store service (shaded jar, own JVM, -Xmx" + server.heap() + ", fan-out 32) at " + server.baseUri()
                + ", called through K2StoreClient/RemoteOpStore (HTTP/1.1, loopback)";
    }

    @Override
    public Set<Workload> workloads() {
        return EnumSet.allOf(Workload.class);
    }

    /** Empty in an ingest-only run (nothing is loaded, and it creates its ingest space itself). */
    @Override
    public Optional<String> readsDataOf() {
        return Optional.ofNullable(readsDataOf);
    }

    @Override
    public OpStore create(String space, SpaceSettings settings, MicrosClock clock) {
        SpaceId id = SpaceId.parse(space);
        Futures.join(client.createSpace(id, settings));
        return client.store(id);
    }

    @Override
    public OpStore attach(String space, SpaceSettings settings, MicrosClock clock) {
        return client.store(SpaceId.parse(space));
    }

    public ServerProcess server() {
        return server;
    }

    /** The server is the run's (Targets stops it): the http-lean target may share it. */
    @Override
    public void close() {
    }
}
