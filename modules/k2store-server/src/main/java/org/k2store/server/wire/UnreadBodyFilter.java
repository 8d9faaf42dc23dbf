package org.k2store.server.wire;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * An error answered before the request's body was read to its end (a 401, a cross-site 403, a
 * 429, an unknown space) says {@code Connection: close}. Jetty cannot reuse a connection with
 * unread body on it and drops it after the answer, but without the header a keep-alive client
 * pools it and sends its next request (a POST, which it does not retry) into the closed socket.
 * Measured before this filter: every such answer closed the connection silently (UnreadBodyTest).
 * The servlet filters that answer themselves mark their answers through {@code ApiErrors.write},
 * so the order of the filters does not matter.
 */
public final class UnreadBodyFilter implements Filter {

    /**
     * Says {@code Connection: close} on an error answer to a request whose declared body was not
     * read to its end. Also called by the filters that answer themselves ({@code ApiErrors.write}),
     * since some of them run before this filter wraps the response.
     */
    public static void closeIfBodyUnread(HttpServletRequest request, HttpServletResponse response, int status) {
        if (status >= 400 && declaresBody(request) && !response.isCommitted() && !bodyRead(request)) {
            response.setHeader("Connection", "close");
        }
    }

    private static boolean declaresBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean bodyRead(HttpServletRequest request) {
        try {
            return request.getInputStream().isFinished();
        } catch (IOException | IllegalStateException e) {
            return false; // read as characters, or broken: not known to be at its end
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (declaresBody(http)) {
            chain.doFilter(request, new ClosingOnUnreadBody(http, (HttpServletResponse) response));
        } else {
            chain.doFilter(request, response);
        }
    }

    /** Marks an error status for closing at the moment it is set, while headers can still change. */
    private static final class ClosingOnUnreadBody extends HttpServletResponseWrapper {
        private final HttpServletRequest request;

        ClosingOnUnreadBody(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void setStatus(int status) {
            closeIfBodyUnread(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            closeIfBodyUnread(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            closeIfBodyUnread(status);
            super.sendError(status, message);
        }

        private void closeIfBodyUnread(int status) {
            UnreadBodyFilter.closeIfBodyUnread(request, this, status);
        }
    }
}
