package org.k2store.server.errors;

/** A request body went past {@code limits.maxBodyBytes}; thrown while reading, answered 413. */
public final class BodyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        super("body: larger than the limit of " + limit + " bytes");
    }
}
