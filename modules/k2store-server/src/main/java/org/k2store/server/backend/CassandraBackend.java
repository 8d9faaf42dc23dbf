package org.k2store.server.backend;

import com.codahale.metrics.MetricRegistry;
import com.datastax.oss.driver.api.core.CqlSession;
import io.dropwizard.lifecycle.Managed;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.k2store.api.MicrosClock;
import org.k2store.api.StoreUnavailableException;
import org.k2store.cassandra.CassandraOpStores;
import org.k2store.cassandra.QueryObserver;
import org.k2store.cassandra.Sessions;
import org.k2store.cassandra.SettleWindowTooShortException;
import org.k2store.cassandra.embedded.EmbeddedCassandra;
import org.k2store.server.config.ClusterConfig;
import org.k2store.server.config.EmbeddedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Cassandra, started and stopped with the server: the configured cluster, or, when
 * no contact points are configured, an embedded node this process starts and stops. Opens the
 * driver session and the store entry point, and exposes the driver's metrics in the service's
 * registry (under {@code cassandra.driver.}). A cluster that is down at start-up does not stop the
 * service: it connects in the background as soon as the cluster answers.
 */
public final class CassandraBackend implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraBackend.class);
    private static final Duration INITIAL_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(15);

    private final ClusterConfig config;
    private final EmbeddedConfig embedded;
    private final QueryObserver observer;
    private final MetricRegistry metrics;
    private final MicrosClock clock;

    private volatile EmbeddedCassandra node;
    private volatile CqlSession session;
    private volatile CassandraOpStores stores;
    private volatile ScheduledExecutorService connector;
    private volatile boolean stopped;

    public CassandraBackend(ClusterConfig config, EmbeddedConfig embedded, QueryObserver observer, MetricRegistry metrics) {
        this(config, embedded, observer, metrics, MicrosClock.system());
    }

    /** {@code clock}: this node's clock, the one its closed timestamps are read with. */
    public CassandraBackend(ClusterConfig config, EmbeddedConfig embedded, QueryObserver observer, MetricRegistry metrics, MicrosClock clock) {
        this.clock = clock;
        this.config = config;
        this.embedded = embedded;
        this.observer = observer;
        this.metrics = metrics;
    }

    @Override
    public void start() throws Exception {
        List<InetSocketAddress> contactPoints;
        if (config.getContactPoints().isEmpty()) {
            LOG.info("no cassandra.contactPoints configured: starting the embedded node (data in {})", embedded.getDataDirectory());
            node = EmbeddedCassandra.builder()
                    .dataDirectory(Path.of(embedded.getDataDirectory()))
                    .nativePort(embedded.getNativePort())
                    .heap(embedded.getHeap())
                    .build()
                    .start();
            config.setLocalDatacenter(node.localDatacenter());
            contactPoints = List.of(node.contactPoint());
        } else {
            contactPoints = Sessions.parse(config.getContactPoints());
        }
        connector = Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("k2store-cassandra-connect").setDaemon(true).build());
        // The first attempt is waited for, so a normal start opens the API connected. When the
        // cluster is down, the service starts anyway, answers 503 with Retry-After, reports
        // unhealthy, and keeps trying: an orchestrator restarting it would not bring Cassandra back.
        try {
            connector.submit(() -> connect(contactPoints)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SettleWindowTooShortException tooShort) {
                stop();
                throw tooShort; // a configuration error: no retry would fix it
            }
            LOG.warn("Cassandra at {} not reachable at start-up ({}); the API answers 503 until it is, retrying in {} ms",
                    contactPoints, rootMessage(e.getCause()), INITIAL_RETRY.toMillis());
            scheduleRetry(contactPoints, INITIAL_RETRY);
        }
    }

    private void scheduleRetry(List<InetSocketAddress> contactPoints, Duration delay) {
        connector.schedule(() -> {
            try {
                connect(contactPoints);
            } catch (SettleWindowTooShortException e) {
                // Found only once the node answered; retried in case the node's setting is changed.
                LOG.error("Cassandra at {} is reachable but this configuration cannot serve it: {}; next attempt in {} ms",
                        contactPoints, e.getMessage(), MAX_RETRY.toMillis());
                scheduleRetry(contactPoints, MAX_RETRY);
            } catch (Exception e) {
                Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
                LOG.warn("Cassandra at {} still not reachable ({}); next attempt in {} ms", contactPoints, rootMessage(e), next.toMillis());
                scheduleRetry(contactPoints, next);
            }
            return null;
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs on the connector thread only (never a driver thread): the waits below are safe. */
    private Void connect(List<InetSocketAddress> contactPoints) throws Exception {
        CqlSession opened = Sessions.open(config, contactPoints).toCompletableFuture()
                .get(config.getConnectTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        CassandraOpStores openedStores;
        try {
            openedStores = CassandraOpStores.open(opened, config, observer, clock);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        if (stopped) {
            openedStores.close();
            opened.close();
            return null;
        }
        opened.getMetrics().ifPresent(driver -> metrics.register("cassandra.driver", driver.getRegistry()));
        session = opened;
        stores = openedStores;
        // The console's per-sector figures are tallied in memory; one flush a second keeps counter
        // writes off the ingest path.
        connector.scheduleWithFixedDelay(() -> openedStores.sectorStats().flush().exceptionally(error -> {
            LOG.debug("sector figures not flushed this time: {}", error.toString());
            return null;
        }), 1, 1, TimeUnit.SECONDS);
        metrics.gauge("k2store.console.dropped_tallies", () -> () -> openedStores.sectorStats().droppedTallies());
        // Settled coarse partitions this node wrote to are sealed in the background (SealBacklog).
        metrics.gauge("k2store.seals.backlog", () -> openedStores::sealBacklog);
        metrics.gauge("k2store.seals.background", () -> openedStores::backgroundSeals);
        metrics.gauge("k2store.seals.dropped", () -> openedStores::sealBacklogDropped);
        // Dropped spaces are deleted in the background, a bounded step a second per node.
        connector.scheduleWithFixedDelay(new PurgeSchedule(openedStores.purges(), metrics), 1, 1, TimeUnit.SECONDS);
        LOG.info("connected to Cassandra at {}, keyspace {}", contactPoints, config.getKeyspace());
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    @Override
    public void stop() {
        stopped = true;
        if (connector != null) {
            connector.shutdownNow();
            connector = null;
        }
        if (stores != null) {
            try {
                stores.sectorStats().flush().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("last sector figures not flushed: {}", e.toString());
            }
            stores.close();
            stores = null;
        }
        if (session != null) {
            session.close();
            session = null;
        }
        if (node != null) {
            node.close();
            node = null;
        }
    }

    /** The store entry point; StoreUnavailableException until connected and after stop. */
    public CassandraOpStores stores() {
        CassandraOpStores current = stores;
        if (current == null) {
            throw new StoreUnavailableException("Cassandra is not connected", null);
        }
        return current;
    }

    /** The driver session, or null while not connected. */
    public CqlSession sessionOrNull() {
        return session;
    }

    public ClusterConfig config() {
        return config;
    }
}
