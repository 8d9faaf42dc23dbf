package org.k2store.server.errors;

/**
 * A request body that could not be read to its end: the connection closed or reset mid-body (400),
 * or it arrived slower than the service waits for (408). The caller's failure, never a 500.
 */
public final class BrokenBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public BrokenBodyException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
