package org.k2store.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Waits for a store's answer in the driver, which measures one call at a time. */
public final class Futures {

    /** Loading 10^6 ops in one call's worth of batches can take minutes on 2 cores. */
    private static final Duration TIMEOUT = Duration.ofSeconds(600);

    private Futures() {
    }

    public static <T> T join(CompletableFuture<T> future) {
        return org.k2store.api.async.Futures.join(future, TIMEOUT);
    }
}
