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
 * {@code http-lean}: the same k2store service as the {@code http} target, called through
 * {@link LeanOpStore} (a minimal keep-alive HTTP/1.1 socket client, one connection per concurrent
 * caller, answers parsed in one streaming pass) instead of K2StoreClient: the service's own cost, with
 * as little client as possible. It reads the spaces the library target loaded, like {@code http}; the
 * ingest sweep's space is created through K2StoreClient.
 */
public final class LeanHttpTarget implements BenchTarget {

    private final ServerProcess server;
    private final K2StoreClient client;
    private final String readsDataOf;

    public LeanHttpTarget(ServerProcess server, String readsDataOf) {
        this.server = server;
        this.readsDataOf = readsDataOf;
        this.client = K2StoreClient.builder(server.baseUri()).build();
    }

    @Override
    public String name() {
        return "http-lean";
    }

    @Override
    public String description() {
        return "the k2store service at " + server.baseUri() + " (shared with the http target) through a minimal keep-alive HTTP/1.1 client on"
                + " java.net.Socket, one connection per concurrent caller, answers parsed by Jackson's streaming parser";
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
        return new LeanOpStore(server.baseUri(), id.base64());
    }

    @Override
    public OpStore attach(String space, SpaceSettings settings, MicrosClock clock) {
        return new LeanOpStore(server.baseUri(), SpaceId.parse(space).base64());
    }

    @Override
    public void close() {
        client.close();
    }
}
