package org.k2store.api;

/** The backing storage could not answer in time; the call may be retried later. */
public class StoreUnavailableException extends K2StoreException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
