package org.k2store.server.console;

import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * Dropwizard's AssetServlet with Range and If-Range hidden from it. It honours any number of
 * ranges, overlapping ones included, so one small unauthenticated request could ask for a 12 KB
 * script 300 times over (3.6 MB back). The console's files are a few KB and nothing resumes a
 * download of them, so every request gets the whole file once, as a 200.
 */
final class ConsoleAssetServlet extends AssetServlet {

    private static final long serialVersionUID = 1L;
    private static final Set<String> HIDDEN = Set.of("range", "if-range");

    ConsoleAssetServlet(String resourcePath, String uriPath, String indexFile) {
        super(resourcePath, uriPath, indexFile, StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        super.doGet(new WithoutRange(request), response);
    }

    /** The request as the servlet sees it: every header but Range and If-Range. */
    private static final class WithoutRange extends HttpServletRequestWrapper {

        WithoutRange(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            return name != null && HIDDEN.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(name -> !hidden(name)).toList());
        }
    }
}
