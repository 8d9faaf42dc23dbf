package org.k2store.server.backend;

import com.datastax.oss.driver.api.core.DriverException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.k2store.api.K2StoreException;
import org.k2store.api.StoreUnavailableException;

/**
 * Waits for a store future on the request thread, with a deadline. The store is asynchronous and
 * never blocks a driver thread; a request thread waits here instead, and the in-flight cap bounds
 * how many do. Failures come back as the store's own exceptions, and anything from the driver or
 * the deadline as StoreUnavailableException (a 503 with Retry-After).
 */
public final class StoreCalls {

    private final Duration timeout;

    public StoreCalls(Duration timeout) {
        this.timeout = timeout;
    }

    public <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreUnavailableException("the store did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the store", e);
        }
    }

    static RuntimeException translate(Throwable cause) {
        if (cause instanceof K2StoreException k2) {
            return k2;
        }
        if (cause instanceof DriverException driver) {
            return new StoreUnavailableException("Cassandra failed: " + driver.getMessage(), driver);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new K2StoreException("store call failed: " + cause, cause);
    }
}
