package org.k2store.testkit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a store's future in a test, unwrapping the store's own exception. */
public final class Await {

    private static final long TIMEOUT_SECONDS = 60;

    private Await() {
    }

    public static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
            throw new AssertionError("store call did not complete in " + TIMEOUT_SECONDS + " s", e);
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
