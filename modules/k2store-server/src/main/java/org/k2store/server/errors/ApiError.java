package org.k2store.server.errors;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Every error answer of the API: the HTTP status, a stable machine-readable {@code reason} (added to
 * the v1 format so that a client can tell an unknown space from a missing slice hash, both 404),
 * and a message that names the field at fault.
 */
public record ApiError(@JsonProperty("code") int code, @JsonProperty("reason") String reason,
        @JsonProperty("message") String message) {
}
