package org.k2store.api;

/** A call named a space that was never created. */
public class UnknownSpaceException extends K2StoreException {

    private static final long serialVersionUID = 1L;

    public UnknownSpaceException(String space) {
        super("space '" + space + "' does not exist");
    }
}
