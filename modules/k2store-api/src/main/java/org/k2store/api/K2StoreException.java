package org.k2store.api;

/**
 * kitsune2's {@code K2Error}: the one error type of the API. Unchecked so it travels through
 * {@code CompletableFuture}s unchanged; subclasses say whose fault it was, which is what a server
 * needs to pick a status code.
 */
public class K2StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public K2StoreException(String message) {
        super(message);
    }

    public K2StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
