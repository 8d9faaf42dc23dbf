package org.k2store.api;

/** A space was created again with other settings than it has; its settings never change. */
public class SpaceConflictException extends K2StoreException {

    private static final long serialVersionUID = 1L;

    public SpaceConflictException(String message) {
        super(message);
    }
}
