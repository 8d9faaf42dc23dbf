package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.k2store.api.MicrosClock;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.UnknownSpaceException;

/**
 * The entry point: one per session (and process). Prepares the statements once, owns the merge
 * executor, creates and finds spaces, and opens the {@link CassandraOpStore} of a space. Keep one
 * store per space per process: its stored_at sequence is what keeps a batch's stamps distinct.
 */
public final class CassandraOpStores implements AutoCloseable {

    private final CqlSession session;
    private final CassandraStoreConfig config;
    private final ExecutorService executor;
    private final StoreContext context;
    private final SpaceRegistry spaces;
    private final SpacePurges purges;
    private final MicrosClock clock;
    private final ClosedTimestamps closedTimestamps;
    private final SealBacklog seals;
    /** One context per other recorded layout: a handful at most (one per configuration ever used). */
    private final Map<String, StoreContext> recordedContexts = new ConcurrentHashMap<>();

    private CassandraOpStores(CqlSession session, CassandraStoreConfig config, QueryObserver observer, VisibilityBudget budget,
            MicrosClock clock) {
        this.session = session;
        this.clock = clock;
        this.config = config;
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.executor = Executors.newFixedThreadPool(threads,
                new ThreadFactoryBuilder().setNameFormat("k2store-merge-%d").setDaemon(true).build());
        Statements statements = new Statements(session, config);
        this.context = new StoreContext(session, statements, config, executor, observer, budget);
        this.spaces = new SpaceRegistry(session, statements, context.layout.recorded(), config.getRecreateAfterDrop());
        this.purges = new SpacePurges(session, config, Instant::now);
        this.closedTimestamps = ClosedTimestamps.start(session, config, clock, budget);
        this.seals = SealBacklog.start(config, handle -> spaces.find(handle.name())
                .thenApply(found -> found.filter(current -> current.uid().equals(handle.uid())).isPresent()));
    }

    /** Applies the schema when configured to, then prepares every statement. Blocks: call at start-up. */
    public static CassandraOpStores open(CqlSession session, CassandraStoreConfig config) {
        return open(session, config, QueryObserver.NONE);
    }

    /** Like {@link #open(CqlSession, CassandraStoreConfig)}, reporting each index query's cost to {@code observer}. */
    public static CassandraOpStores open(CqlSession session, CassandraStoreConfig config, QueryObserver observer) {
        return open(session, config, observer, MicrosClock.system());
    }

    /**
     * Like {@link #open(CqlSession, CassandraStoreConfig, QueryObserver)}, with {@code clock} as this
     * node's clock (tests give two nodes skewed ones): stores opened with it take part in closed
     * timestamps, stores with any other clock page with the settle window alone.
     */
    public static CassandraOpStores open(CqlSession session, CassandraStoreConfig config, QueryObserver observer, MicrosClock clock) {
        config.validate();
        if (config.isApplySchema()) {
            Schema.apply(session, config);
        } else {
            // An old binary never writes a newer layout, and this one needs every migration it knows.
            Schema.requireNotNewer(session, config);
            Schema.Status status = Schema.status(session, config);
            if (!status.isCurrent()) {
                throw new IllegalStateException(status.message() + "; apply the schema first (the 'schema apply' command)");
            }
        }
        // The settle window's promise checked against the node's own write timeout before any write.
        VisibilityBudget budget = VisibilityBudget.of(config.getSettleWindow(),
                NodeWriteTimeout.read(session, config.getRequestTimeout()), config.getMaxClockSkew());
        return new CassandraOpStores(session, config, observer, budget, clock);
    }

    /** Tests: stores whose writes get {@code budget} to become visible, whatever the settle window. */
    static CassandraOpStores openWithBudget(CqlSession session, CassandraStoreConfig config, QueryObserver observer, VisibilityBudget budget) {
        config.validate();
        return new CassandraOpStores(session, config, observer, budget, MicrosClock.system());
    }

    /** Per-sector figures for the console; call {@link SectorStats#flush()} periodically (the service does, every second). */
    public SectorStats sectorStats() {
        return context.sectorStats;
    }

    /** The queue of dropped spaces to delete; call {@link SpacePurges#step()} periodically (the service does, every second). */
    public SpacePurges purges() {
        return purges;
    }

    public CqlSession session() {
        return session;
    }

    public CassandraStoreConfig config() {
        return config;
    }

    /**
     * Waits (at most {@code limit}) until every coarse partition this process wrote to whose time
     * has settled is sealed, quiet spells included (SealBacklog); true when it got there.
     */
    public boolean awaitBackgroundSeals(java.time.Duration limit) throws InterruptedException {
        return seals.awaitSettled(limit);
    }

    /** Partitions waiting for a background seal now. */
    public int sealBacklog() {
        return seals.figures().waiting();
    }

    /** Partitions sealed in the background so far, and those not tracked because the backlog was full. */
    public long backgroundSeals() {
        return seals.figures().sealed();
    }

    public long sealBacklogDropped() {
        return seals.figures().dropped();
    }

    /** Creates the space, or finds it when it exists with the same settings; SpaceConflictException otherwise. */
    public CompletableFuture<SpaceHandle> createSpace(String name, SpaceSettings settings) {
        return spaces.create(name, settings).thenApply(SpaceRegistry.Created::space);
    }

    /** Like {@link #createSpace}, also saying whether this call created it. */
    public CompletableFuture<Boolean> createSpaceReportingNew(String name, SpaceSettings settings) {
        return spaces.create(name, settings).thenApply(SpaceRegistry.Created::created);
    }

    /**
     * The context of a space: the shared one when the space was recorded with the configured bucket
     * layout, else one with the space's own layout, so a changed configuration never sends a space's
     * reads and writes to partitions its rows are not in.
     */
    private StoreContext contextFor(SpaceHandle space) {
        if (space.layout() == null || space.layout().equals(context.layout.recorded())) {
            return context;
        }
        return recordedContexts.computeIfAbsent(space.layout(),
                recorded -> context.withLayout(BucketLayout.parse(recorded, config.getWideArcFineBuckets())));
    }

    /** Drops the space (true when this call dropped it) and queues its data for purging; see {@link SpaceRegistry#drop}. */
    public CompletableFuture<Boolean> dropSpace(String name) {
        return spaces.drop(name);
    }

    public CompletableFuture<Optional<SpaceHandle>> findSpace(String name) {
        return spaces.find(name);
    }

    public CassandraOpStore store(SpaceHandle space, MicrosClock clock, SettleWindow settleWindow) {
        return new CassandraOpStore(space, contextFor(space), clock, settleWindow, closedTimestamps.forClock(clock), seals);
    }

    /** The store of an existing space with the configured settle window and the system clock. */
    public CompletableFuture<CassandraOpStore> store(String name) {
        return findSpace(name).thenApply(found -> store(found.orElseThrow(() -> new UnknownSpaceException(name)),
                clock, SettleWindow.of(config.getSettleWindow())));
    }

    @Override
    public void close() {
        seals.close();
        closedTimestamps.close();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
