package org.k2store.server.console;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.k2store.api.MicrosClock;
import org.k2store.server.backend.CassandraBackend;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.resources.ConsoleServiceResource;
import org.k2store.server.resources.ConsoleSpaceResource;
import org.k2store.server.resources.ConsoleSpacesResource;

/**
 * Wires the ring console into the service: its three {@code /v1/console} resources (tenant
 * authorised like every /v1 call, answered with the console's security headers) and its page at
 * {@code /console/}.
 */
public final class RingConsole {

    private RingConsole() {
    }

    public static void install(Environment environment, CassandraBackend backend, StoreCalls calls) {
        ConsoleReads reads = new ConsoleReads(backend, MicrosClock.system());
        environment.jersey().register(new ConsoleSpacesResource(new SpaceDirectory(backend), reads, calls));
        environment.jersey().register(new ConsoleSpaceResource(reads, new SliceHashPresence(backend), calls));
        environment.jersey().register(new ConsoleServiceResource(new ServiceFigures(environment.metrics(),
                environment.healthChecks())));
        environment.servlets().addFilter("ring-console-data-headers", ConsoleHeadersFilter.data())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/v1/console/*");
        ConsoleAssets.install(environment);
    }
}
