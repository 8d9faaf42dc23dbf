package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;

/**
 * A service that does not answer (nothing listens on the port) is retried within the policy and then
 * reported as unavailable; input the client can check itself fails before anything is sent.
 */
class UnreachableServiceTest {

    private static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void retriesWithinThePolicyThenReportsUnavailable() throws Exception {
        K2StoreClient client = K2StoreClient.builder(URI.create("http://127.0.0.1:" + closedPort()))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(40), Duration.ofMillis(80), Duration.ofSeconds(1)))
                .build();
        long start = System.nanoTime();
        Throwable error = failure(client.store(SpaceId.parse("AQID")).queryTotalOpCount());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(error).isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("no answer");
        assertThat(((ServiceUnavailableException) error).status()).isZero();
        assertThat(elapsedMillis).as("two pauses of at least 20 and 40 ms").isGreaterThanOrEqualTo(60);
    }

    @Test
    void missingInputFailsTheFutureWithoutACall() throws Exception {
        RemoteOpStore store = K2StoreClient.builder(URI.create("http://127.0.0.1:" + closedPort())).build().store(SpaceId.parse("AQID"));
        assertThat(failure(store.processIncomingOps(null))).isInstanceOf(InvalidInputException.class).hasMessageContaining("ops");
        assertThat(failure(store.retrieveOps(java.util.Arrays.asList(null, null)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("op_ids[0]");
        assertThat(failure(store.sliceHashCount(null))).isInstanceOf(InvalidInputException.class).hasMessageContaining("arc");
        assertThat(failure(store.storeSliceHash(DhtArc.FULL, 1, null))).isInstanceOf(InvalidInputException.class);
        assertThat(failure(store.filterOutExistingOps(List.of()))).isInstanceOf(ServiceUnavailableException.class);
    }
}
