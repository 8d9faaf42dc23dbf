package org.k2store.server.console;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;

/**
 * Serves the console's static page (HTML, JS, CSS from the classpath, no build step) at
 * {@code /console/} on the API port: what AssetsBundle does, registered from run() so the
 * application's bootstrap stays untouched. The files hold no data and need no token; every figure
 * the page shows comes from the tenant-authorised {@code /v1/console} calls. Range requests are
 * ignored (see ConsoleAssetServlet) and every answer carries the console's security headers.
 */
public final class ConsoleAssets {

    public static final String URI_PATH = "/console/";
    static final String RESOURCE_PATH = "/org/k2store/server/console/assets/";

    private ConsoleAssets() {
    }

    public static void install(Environment environment) {
        environment.servlets()
                .addServlet("ring-console", new ConsoleAssetServlet(RESOURCE_PATH, URI_PATH, "index.html"))
                .addMapping(URI_PATH + "*");
        environment.servlets().addFilter("ring-console-headers", ConsoleHeadersFilter.page())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, URI_PATH + "*");
    }
}
