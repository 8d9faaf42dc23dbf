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
import org.k2store.testkit.IncomingOpSuite;
import org.k2store.testkit.StoreFactory;

/**
 * IncomingOp ids and metadata through the Java client, the HTTP API and the service on real
 * Cassandra: the client posts each op's exact bytes and reads {@code metadata} back from
 * {@code ops/retrieve}, so a remote store answers as a local one.
 */
@ExtendWith(CassandraExtension.class)
class ClientIncomingOpTest extends IncomingOpSuite {

    private static final PerSpaceTuning TUNING = new PerSpaceTuning();
    private static TestServer server;
    private static K2StoreClient client;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("conformance.yml", TUNING, cassandra);
        client = K2StoreClient.builder(server.api()).retryPolicy(RetryPolicy.NONE).build();
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
}
