package org.k2store.api.async;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for a store's answer where waiting is the point: tests and the benchmark driver, which
 * measure one call at a time. Never for the service or the store themselves, which stay async.
 */
public final class Futures {

    private Futures() {
    }

    /** The future's value; its own RuntimeException or Error unwrapped; IllegalStateException on timeout. */
    public static <T> T join(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a store call did not answer in " + timeout.toSeconds() + " s", e);
        }
    }
}
