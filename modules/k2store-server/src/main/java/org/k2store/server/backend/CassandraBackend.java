package org.k2store.server.backend;

import com.codahale.metrics.MetricRegistry;
import com.datastax.oss.driver.api.core.CqlSession;
import io.dropwizard.lifecycle.Managed;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.k2store.api.StoreUnavailableException;
import org.k2store.cassandra.CassandraOpStores;
import org.k2store.cassandra.QueryObserver;
import org.k2store.cassandra.Sessions;
import org.k2store.cassandra.embedded.EmbeddedCassandra;
import org.k2store.server.config.ClusterConfig;
import org.k2store.server.config.EmbeddedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Cassandra, started and stopped with the server: the configured cluster, or, when
 * no contact points are configured, an embedded node this process starts and stops. Opens the
 * driver session and the store entry point, and exposes the driver's metrics in the service's
 * registry (under {@code cassandra.driver.}).
 */
public final class CassandraBackend implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraBackend.class);

    private final ClusterConfig config;
    private final EmbeddedConfig embedded;
    private final QueryObserver observer;
    private final MetricRegistry metrics;

    private volatile EmbeddedCassandra node;
    private volatile CqlSession session;
    private volatile CassandraOpStores stores;
    private volatile ScheduledExecutorService statsFlusher;

    public CassandraBackend(ClusterConfig config, EmbeddedConfig embedded, QueryObserver observer, MetricRegistry metrics) {
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
        session = Sessions.open(config, contactPoints).toCompletableFuture()
                .get(config.getConnectTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        session.getMetrics().ifPresent(driver -> metrics.register("cassandra.driver", driver.getRegistry()));
        stores = CassandraOpStores.open(session, config, observer);
        // The console's per-sector figures are tallied in memory; one flush a second keeps counter
        // writes off the ingest path.
        CassandraOpStores opened = stores;
        statsFlusher = Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("k2store-sector-stats").setDaemon(true).build());
        statsFlusher.scheduleWithFixedDelay(() -> opened.sectorStats().flush().exceptionally(error -> {
            LOG.debug("sector figures not flushed this time: {}", error.toString());
            return null;
        }), 1, 1, TimeUnit.SECONDS);
        LOG.info("connected to Cassandra at {}, keyspace {}", contactPoints, config.getKeyspace());
    }

    @Override
    public void stop() {
        if (statsFlusher != null) {
            statsFlusher.shutdownNow();
            statsFlusher = null;
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

    /** The store entry point; StoreUnavailableException before start or after stop. */
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
