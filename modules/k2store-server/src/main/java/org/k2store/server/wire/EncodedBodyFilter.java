package org.k2store.server.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.k2store.server.errors.ApiErrors;

/**
 * Request bodies are taken as sent, never inflated. Dropwizard's gzip handler inflated any body
 * sent with {@code Content-Encoding: gzip}, so a 66 KB upload became 14.7 MB of ops while being
 * charged (and length-checked) as 66 KB: 64 of them made a -Xmx512m service answer 35 500s and 25
 * 503s with 35 OutOfMemoryErrors. No client of the API compresses its bodies (op data rarely
 * compresses), so a body with any Content-Encoding but identity is a 415 naming the header, and
 * answers are still compressed for clients that accept it.
 */
public final class EncodedBodyFilter implements Filter {

    private final ObjectMapper json;

    public EncodedBodyFilter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Stops every gzip handler of {@code server} inflating request bodies (answers are still
     * compressed). Dropwizard 5 still builds Jetty's GzipHandler, deprecated in Jetty 12.1.
     */
    @SuppressWarnings("removal")
    public static void noInflation(Server server) {
        for (GzipHandler gzip : server.getContainedBeans(GzipHandler.class)) {
            gzip.setInflateBufferSize(0);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String encoding = http.getHeader("Content-Encoding");
        boolean body = http.getHeader("Transfer-Encoding") != null || http.getContentLengthLong() > 0;
        if (!body || encoding == null || encoding.isBlank() || encoding.trim().toLowerCase(Locale.ROOT).equals("identity")) {
            chain.doFilter(request, response);
            return;
        }
        ApiErrors.write(http, (HttpServletResponse) response, json, 415, ApiErrors.reasonFor(415),
                "Content-Encoding: request bodies are taken as sent, uncompressed; send the JSON without Content-Encoding");
    }
}
