package org.k2store.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.k2store.api.InvalidInputException;
import org.k2store.api.K2StoreException;
import org.k2store.api.SpaceConflictException;
import org.k2store.api.UnknownSpaceException;

/**
 * Turns an error answer of the service into the API's exception types, so a caller handles a
 * remote store exactly as a local one: 400 is the caller's mistake, 404 an unknown space, 409 a
 * settings conflict. The body is {@code {"code", "reason", "message"}}; the message names the field.
 */
final class ServiceErrors {

    /** The {@code reason} the service gives for a 404 that means "no slice hash stored". */
    static final String SLICE_HASH_NOT_FOUND = "slice_hash_not_found";

    private ServiceErrors() {
    }

    /** The service's error body, read leniently: a proxy's HTML error page still yields a message. */
    record ErrorBody(String reason, String message) {

        static ErrorBody read(byte[] body) {
            String[] fields = {null, null};
            try {
                WireJson.readObject("error", body, (name, parser) -> {
                    switch (name) {
                        case "reason" -> fields[0] = parser.getValueAsString();
                        case "message" -> fields[1] = parser.getValueAsString();
                        default -> {
                            return false;
                        }
                    }
                    return true;
                });
            } catch (K2StoreException e) {
                String text = new String(body, StandardCharsets.UTF_8).strip();
                return new ErrorBody(null, text.length() > 200 ? text.substring(0, 200) + "..." : text);
            }
            return new ErrorBody(fields[0], fields[1]);
        }
    }

    static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    static K2StoreException toException(String call, SpaceId space, int status, byte[] body, Optional<Duration> retryAfter) {
        ErrorBody error = ErrorBody.read(body);
        String message = error.message() == null || error.message().isEmpty() ? "HTTP " + status : error.message();
        return switch (status) {
            case 400, 413 -> new InvalidInputException(message);
            case 401, 403 -> new AccessDeniedException(status, call + ": " + message);
            case 404 -> "unknown_space".equals(error.reason()) && space != null
                    ? new UnknownSpaceException(space.base64())
                    : new K2StoreException(call + ": not found (" + message + "); is the base URL right?");
            case 409 -> new SpaceConflictException(message);
            default -> retryable(status)
                    ? new ServiceUnavailableException(status, call + ": service unavailable (" + status + ": " + message + ")",
                            retryAfter.orElse(null), null)
                    : new K2StoreException(call + ": the service failed (" + status + ": " + message + ")");
        };
    }
}
