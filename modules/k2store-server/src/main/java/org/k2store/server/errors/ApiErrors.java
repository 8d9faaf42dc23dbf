package org.k2store.server.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.k2store.server.wire.UnreadBodyFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the error responses of the API in one place, so every status carries the same JSON shape. */
public final class ApiErrors {

    public static final String INVALID_INPUT = "invalid_input";
    public static final String UNKNOWN_SPACE = "unknown_space";
    public static final String SLICE_HASH_NOT_FOUND = "slice_hash_not_found";
    public static final String SPACE_CONFLICT = "space_conflict";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    /** 403: the tenant has created as many spaces as it may. */
    public static final String SPACE_QUOTA_EXCEEDED = "space_quota_exceeded";
    public static final String BODY_TOO_LARGE = "body_too_large";
    public static final String OVERLOADED = "overloaded";
    /** 429: the caller's tenant is over its requests per second. */
    public static final String RATE_LIMITED = "rate_limited";
    /** 429: the caller's tenant has its maximum of requests in progress. */
    public static final String CONCURRENCY_LIMITED = "concurrency_limited";
    public static final String UNAVAILABLE = "unavailable";

    private ApiErrors() {
    }

    public static Response of(int status, String reason, String message) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, reason, message));
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"k2store\"");
        }
        return builder.build();
    }

    /** A 429 or 503: the call is worth repeating after {@code retryAfterSeconds}. */
    public static Response retryLater(int status, String reason, String message, int retryAfterSeconds) {
        return Response.fromResponse(of(status, reason, message)).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }

    /**
     * The same JSON error written by a servlet filter, which answers before JAX-RS (and its mappers)
     * is reached, and before the request's body is read: so it also says whether the connection
     * can carry another request ({@link UnreadBodyFilter#closeIfBodyUnread}), whatever the filters' order.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper json, int status, String reason,
            String message) throws IOException {
        UnreadBodyFilter.closeIfBodyUnread(request, response, status);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON);
        json.writeValue(response.getOutputStream(), new ApiError(status, reason, message));
    }

    /** The reason for a status that has no more specific one. */
    public static String reasonFor(int status) {
        return switch (status) {
            case 400 -> INVALID_INPUT;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> BODY_TOO_LARGE;
            case 415 -> "unsupported_media_type";
            case 429 -> OVERLOADED;
            case 503 -> UNAVAILABLE;
            default -> "http_" + status;
        };
    }
}
