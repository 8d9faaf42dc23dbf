package org.k2store.server;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.k2store.api.SettleWindow;
import org.k2store.server.admin.AdminGuardFilter;
import org.k2store.server.admin.AdminRequestGuard;
import org.k2store.server.auth.AnonymousAccessGuard;
import org.k2store.server.auth.BearerAuthFilter;
import org.k2store.server.auth.CrossSiteFilter;
import org.k2store.server.auth.ShippedTokens;
import org.k2store.server.auth.Tenants;
import org.k2store.server.backend.CassandraBackend;
import org.k2store.server.backend.SpaceLedger;
import org.k2store.server.backend.SpaceStores;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.cli.CassandraCommand;
import org.k2store.server.cli.HashTokenCommand;
import org.k2store.server.cli.SchemaCommand;
import org.k2store.server.config.LimitsConfig;
import org.k2store.server.console.RingConsole;
import org.k2store.server.errors.BodyTooLargeMapper;
import org.k2store.server.errors.BrokenBodyMapper;
import org.k2store.server.errors.IllegalArgumentExceptionMapper;
import org.k2store.server.errors.JsonErrorHandler;
import org.k2store.server.errors.JsonExceptionMapper;
import org.k2store.server.errors.NoRoomMapper;
import org.k2store.server.errors.StoreExceptionMapper;
import org.k2store.server.errors.UnexpectedExceptionMapper;
import org.k2store.server.errors.WebApplicationExceptionMapper;
import org.k2store.server.health.CassandraHealthCheck;
import org.k2store.server.health.ReadinessServlet;
import org.k2store.server.health.SchemaHealthCheck;
import org.k2store.server.limits.AddressLimiters;
import org.k2store.server.limits.BodyLimitFilter;
import org.k2store.server.limits.BytesInFlight;
import org.k2store.server.limits.BytesInFlightFilter;
import org.k2store.server.limits.ConnectionLimits;
import org.k2store.server.limits.InFlightLimitFilter;
import org.k2store.server.limits.RequestBytes;
import org.k2store.server.limits.TenantLimitFilter;
import org.k2store.server.limits.TenantLimiters;
import org.k2store.server.metrics.PrometheusEndpoint;
import org.k2store.server.metrics.QueryMetrics;
import org.k2store.server.metrics.SpaceMetrics;
import org.k2store.server.metrics.SpaceRequestCounter;
import org.k2store.server.resources.BoundedResource;
import org.k2store.server.resources.OpenApiResource;
import org.k2store.server.resources.OpsResource;
import org.k2store.server.resources.SliceHashesResource;
import org.k2store.server.resources.SpacesResource;
import org.k2store.server.resources.TimeSliceResource;
import org.k2store.server.tasks.DropSpaceServlet;
import org.k2store.server.tasks.SchemaApplyTask;
import org.k2store.server.wire.EncodedBodyFilter;
import org.k2store.server.wire.NoSniffFilter;
import org.k2store.server.wire.RepeatedQueryFilter;
import org.k2store.server.wire.SilentRequestLog;
import org.k2store.server.wire.UnreadBodyFilter;

/**
 * The k2store service: kitsune2's OpStore as the v1 HTTP API (see shared/spec/rest-api.md and
 * /openapi.yaml) over Cassandra, with tenants, limits, health checks, metrics and admin tasks.
 * This class only wires the parts together; each part is a class of its own.
 */
public final class K2StoreApplication extends Application<K2StoreConfiguration> {

    private final StoreTuning tuning;

    public K2StoreApplication() {
        this(StoreTuning.PRODUCTION);
    }

    /** For tests: each space's clock and settle window come from {@code tuning}. */
    public K2StoreApplication(StoreTuning tuning) {
        this.tuning = tuning;
    }

    public static void main(String[] args) throws Exception {
        new K2StoreApplication().run(args);
    }

    @Override
    public String getName() {
        return "k2store";
    }

    @Override
    public void initialize(Bootstrap<K2StoreConfiguration> bootstrap) {
        // ${VAR:-default} in config.yml; an unset variable without a default is left as written.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(bootstrap.getConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new SchemaCommand());
        bootstrap.addCommand(new CassandraCommand());
        bootstrap.addCommand(new HashTokenCommand());
    }

    /**
     * A dropped name may be re-created, and its rows purged, only once no node serves the old uid
     * from its cache; with a shorter interval a space could be split across two uids.
     */
    static void requireDropOutlastsCaches(K2StoreConfiguration configuration) {
        Duration recreate = configuration.getCassandra().getRecreateAfterDrop();
        Duration revalidate = configuration.getStoreCache().getRevalidateAfter();
        if (recreate.compareTo(revalidate) <= 0) {
            throw new IllegalStateException("cassandra.recreateAfterDrop (" + recreate + ") must be longer than storeCache.revalidateAfter ("
                    + revalidate + "): until every node has re-read a dropped space, some may still write to its old uid");
        }
    }

    @Override
    public void run(K2StoreConfiguration configuration, Environment environment) {
        AnonymousAccessGuard.check(configuration.getAuth().isAllowAnonymousOnLoopback(), configuration.getServerFactory());
        ShippedTokens.check(configuration.getAuth());
        configuration.getCassandra().validate();
        requireDropOutlastsCaches(configuration);
        SilentRequestLog.prune(configuration.getServerFactory());
        // Every error answer is the API's JSON shape; our mappers replace Dropwizard's defaults.
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        LimitsConfig limits = configuration.getLimits();

        CassandraBackend backend = new CassandraBackend(configuration.getCassandra(), configuration.getEmbedded(),
                new QueryMetrics(environment.metrics()), environment.metrics(), tuning.nodeClock());
        environment.lifecycle().manage(backend);
        StoreCalls calls = new StoreCalls(limits.getCallTimeout());
        SpaceStores stores = new SpaceStores(backend, tuning, SettleWindow.of(configuration.getCassandra().getSettleWindow()),
                environment.metrics(), configuration.getStoreCache(), calls, new SpaceLedger(backend, limits, configuration.getAuth()));
        SpaceMetrics spaceMetrics = new SpaceMetrics(environment.metrics(), configuration.getStoreCache().getMaximumMeteredSpaces(),
                configuration.getStoreCache().getExpireAfterAccess());

        // One resolver of tokens to tenants; the first filter to run keeps its answer on the request (RequestTenant).
        Tenants tenants = new Tenants(configuration.getAuth());
        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new BodyLimitFilter(limits));
        jersey.register(new RepeatedQueryFilter());
        jersey.register(new BearerAuthFilter(tenants));
        jersey.register(new SpaceRequestCounter(stores, spaceMetrics));
        jersey.register(new SpacesResource(stores, calls, limits.getRetryAfterSeconds()));
        // Request bodies and streamed retrieve steps together: what requests hold, whatever their number.
        BytesInFlight bytesInFlight = new BytesInFlight(limits.bytesInFlight(Runtime.getRuntime().maxMemory()), limits.getBytesInFlightWait());
        jersey.register(new OpsResource(stores, calls, limits, spaceMetrics, bytesInFlight));
        jersey.register(new TimeSliceResource(stores, calls, limits.getTimeSliceChunkIds()));
        jersey.register(new BoundedResource(stores, calls, limits.getBoundedStepIds()));
        jersey.register(new SliceHashesResource(stores, calls, limits.getMaxSliceHashBytes()));
        jersey.register(new OpenApiResource());
        jersey.register(new StoreExceptionMapper(limits.getRetryAfterSeconds()));
        jersey.register(new NoRoomMapper(limits.getRetryAfterSeconds()));
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new JsonExceptionMapper());
        jersey.register(new IllegalArgumentExceptionMapper());
        jersey.register(new BodyTooLargeMapper());
        jersey.register(new BrokenBodyMapper());
        jersey.register(new UnexpectedExceptionMapper());

        // Before everything that may answer without reading the body: such answers close the connection.
        environment.servlets().addFilter("unread-body", new UnreadBodyFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        // Requests a browser sends from another site: refused first (false, declared before the
        // other early filters), before limits, auth or the store spend anything on them.
        environment.servlets().addFilter("cross-site", new CrossSiteFilter(environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/v1/*");
        // Compressed bodies: refused before anything charges, counts or reads them.
        environment.servlets().addFilter("encoded-body", new EncodedBodyFilter(environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/v1/*");
        // nosniff on every /v1 answer; matched first (false), so limit and error answers carry it too.
        environment.servlets().addFilter("no-sniff", new NoSniffFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/v1/*");

        // The ring console (issue 8): /v1/console calls behind tenant auth, its page at /console/.
        RingConsole.install(environment, backend, calls);

        environment.servlets()
                .addFilter("in-flight-limit", new InFlightLimitFilter(limits.getMaxInFlightRequests(), limits.getRetryAfterSeconds(),
                        environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        // Then the body bytes those requests may hold at once: a request that does not fit waits for room.
        environment.servlets()
                .addFilter("bytes-in-flight", new BytesInFlightFilter(bytesInFlight, new RequestBytes(limits.getMaxBodyBytes()),
                        limits.getRetryAfterSeconds(), environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/v1/*");
        // Per-tenant rate and concurrency limits; matched first (false), before the global cap.
        environment.servlets()
                .addFilter("tenant-limits", new TenantLimitFilter(tenants,
                        new TenantLimiters(limits, configuration.getAuth()), new AddressLimiters(limits), environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/v1/*");

        // Errors Jetty answers itself (malformed requests) get the API's JSON shape too; the API
        // port's connections are capped before any request is read; no body is inflated.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new JsonErrorHandler(environment.getObjectMapper()));
                    ConnectionLimits.install(server, limits, environment.metrics());
                    EncodedBodyFilter.noInflation(server);
                }
            }
        });

        environment.healthChecks().register("cassandra", new CassandraHealthCheck(backend,
                configuration.getCassandraHealth().getInterval(), configuration.getCassandraHealth().getTimeout()));
        environment.healthChecks().register("schema", new SchemaHealthCheck(backend));
        environment.admin().addTask(new SchemaApplyTask(backend));
        environment.getAdminContext().addServlet(new ServletHolder(new ReadinessServlet(backend)), ReadinessServlet.PATH);
        environment.getAdminContext().addServlet(new ServletHolder(new DropSpaceServlet(stores)), DropSpaceServlet.PATH);
        environment.admin().addFilter("unread-body", new UnreadBodyFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        // Before every admin servlet: no rebinding names, no cross-site requests, the admin token if set.
        environment.admin()
                .addFilter("admin-guard", new AdminGuardFilter(new AdminRequestGuard(configuration.getAdminAccess()), environment.getObjectMapper()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        PrometheusEndpoint.install(environment.metrics(), environment.admin());
    }
}
