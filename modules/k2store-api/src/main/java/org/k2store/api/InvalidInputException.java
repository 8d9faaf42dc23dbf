package org.k2store.api;

/** The caller sent something malformed; the message names what. Nothing of the call was stored. */
public class InvalidInputException extends K2StoreException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
