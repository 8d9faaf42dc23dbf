package org.k2store.server;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.client.K2StoreClient;
import org.k2store.client.RetryPolicy;
import org.k2store.client.SpaceId;
import org.k2store.testkit.Await;
import org.k2store.testkit.OpStoreConformanceSuite;
import org.k2store.testkit.StoreFactory;

/**
 * The whole OpStore contract, and the differential run against the memory oracle, through the
 * Java client, the HTTP API and the real service on real Cassandra: the remote store must be
 * indistinguishable from a local one. Each store the suite opens is a new space created through
 * the client, with the suite's manual clock and settle window assigned to it in the service.
 */
@ExtendWith(CassandraExtension.class)
class ClientConformanceTest extends OpStoreConformanceSuite {

    private static final PerSpaceTuning TUNING = new PerSpaceTuning();
    private static TestServer server;
    private static K2StoreClient client;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("conformance.yml", TUNING, cassandra);
        // No retries: a failure must show as the failure it is. maxIdsPerRequest small so chunking is exercised.
        client = K2StoreClient.builder(server.api()).retryPolicy(RetryPolicy.NONE).maxIdsPerRequest(7).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected StoreFactory factory() {
        return (settings, clock, window) -> {
            byte[] id = new byte[16];
            ThreadLocalRandom.current().nextBytes(id);
            SpaceId space = SpaceId.of(id);
            TUNING.assign(space.base64(), clock, window);
            Await.result(client.createSpace(space, settings));
            return client.store(space);
        };
    }

    @Override
    protected int differentialSequences() {
        return 8;
    }
}
