package org.k2store.server.limits;

import java.util.regex.Pattern;

/**
 * The body bytes one request may make the service hold, known from its headers before anything
 * reads the body: its Content-Length, or the largest body allowed when it declares none (a chunked
 * upload may be that large). A declared length over the limit counts as the limit: that request is
 * refused unread (413). Answers need no charge: every large one is streamed from bounded steps.
 */
public record RequestBytes(long maxBodyBytes) {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    public long of(String contentLength, String transferEncoding) {
        if (contentLength != null && DIGITS.matcher(contentLength).matches()) {
            return Math.min(Long.parseLong(contentLength), maxBodyBytes);
        }
        return transferEncoding != null ? maxBodyBytes : 0;
    }
}
