package org.k2store.server.resources;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Ends a streamed answer that failed after it started as a failed exchange, not a complete one.
 * Jersey, when a StreamingOutput throws after the response is committed, only logs the error and
 * closes the entity stream, so Jetty would send the last chunk and the client would see a
 * complete HTTP message around truncated JSON (measured: a 200 with a clean end). Aborting the
 * exchange in Jetty first makes it end without the last chunk and close the connection (HTTP/1.1)
 * or reset the stream (HTTP/2), which every HTTP client reports as an error.
 */
@FunctionalInterface
interface StreamAbort {

    /** Aborts the exchange; called once, with the failure, before it propagates. */
    void abort(Throwable failure);

    /** Aborts the Jetty exchange of {@code request} (Jersey's injected request proxy will do). */
    static StreamAbort of(HttpServletRequest request) {
        return failure -> ServletContextRequest.getServletContextRequest(request).getServletChannel().abort(failure);
    }
}
