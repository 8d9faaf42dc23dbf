package org.k2store.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.k2store.api.async.Futures;

/** Waits for a store's future in a test, unwrapping the store's own exception. */
public final class Await {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Await() {
    }

    public static <T> T result(CompletableFuture<T> future) {
        try {
            return Futures.join(future, TIMEOUT);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof TimeoutException) {
                // An error, not an exception: failure() must never take a hung call for a failed one.
                throw new AssertionError("store call did not complete in " + TIMEOUT.toSeconds() + " s", e);
            }
            throw e;
        }
    }

    /** The exception a future failed with, or an AssertionError when it succeeded. */
    public static Throwable failure(CompletableFuture<?> future) {
        try {
            Object value = result(future);
            throw new AssertionError("expected the call to fail, but it returned " + value);
        } catch (RuntimeException e) {
            return e;
        }
    }
}
