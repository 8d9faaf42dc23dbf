package org.k2store.client;

import org.k2store.api.K2StoreException;

/**
 * The service refused the caller: 401 (no or unknown token) or 403 (a space not granted to the
 * caller's tenant). Retrying cannot help, so it is a type of its own rather than a generic failure.
 */
public final class AccessDeniedException extends K2StoreException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public AccessDeniedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
