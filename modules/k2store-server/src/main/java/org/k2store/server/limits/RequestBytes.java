package org.k2store.server.limits;

import java.util.regex.Pattern;

/**
 * The body bytes one request may make the service hold, known from its headers before anything
 * reads the body: its Content-Length, or the largest body allowed when it declares none (a chunked
 * upload may be that large). A declared length over the limit counts as the limit: that request is
 * refused unread (413). (The steps of a streamed retrieve_ops answer are charged where they are read.)
 */
public record RequestBytes(long maxBodyBytes) {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    public long of(String contentLength, String transferEncoding) {
        long declared = declared(contentLength);
        if (declared >= 0) {
            return Math.min(declared, maxBodyBytes);
        }
        return transferEncoding != null ? maxBodyBytes : 0;
    }

    /** The length a Content-Length header declares, or -1 when there is none or it is not a plain number. */
    static long declared(String contentLength) {
        return contentLength != null && DIGITS.matcher(contentLength).matches() ? Long.parseLong(contentLength) : -1;
    }
}
