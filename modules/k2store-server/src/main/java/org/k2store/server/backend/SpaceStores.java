package org.k2store.server.backend;

import com.codahale.metrics.MetricRegistry;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import java.util.concurrent.ExecutionException;
import org.k2store.api.K2StoreException;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.UnknownSpaceException;
import org.k2store.cassandra.CassandraOpStores;
import org.k2store.cassandra.SpaceHandle;
import org.k2store.server.StoreTuning;
import org.k2store.server.config.StoreCacheConfig;

/**
 * The open store of each space, cached in-process: one store per space per process is what keeps
 * the stored_at stamps of concurrent batches distinct, and it saves a space lookup per request.
 * Unknown spaces are not cached, so a space created through another service node is found on its
 * first use here. An open store is re-checked against the {@code spaces} row once its
 * {@code revalidateAfter} has passed, so a space dropped (or dropped and re-created) through another
 * node stops being served here under its old uid within that interval.
 */
public final class SpaceStores {

    private final CassandraBackend backend;
    private final StoreTuning tuning;
    private final SettleWindow settleWindow;
    private final MetricRegistry metrics;
    private final StoreCalls calls;
    private final Cache<String, OpenSpace> open;
    private final long revalidateAfterNanos;
    private final SpaceLedger ledger;

    public SpaceStores(CassandraBackend backend, StoreTuning tuning, SettleWindow settleWindow, MetricRegistry metrics,
            StoreCacheConfig cache, StoreCalls calls, SpaceLedger ledger) {
        this.backend = backend;
        this.ledger = ledger;
        this.tuning = tuning;
        this.settleWindow = settleWindow;
        this.metrics = metrics;
        this.calls = calls;
        this.open = CacheBuilder.newBuilder()
                .maximumSize(cache.getMaximumSpaces())
                .expireAfterAccess(cache.getExpireAfterAccess())
                .build();
        this.revalidateAfterNanos = cache.getRevalidateAfter().toNanos();
    }

    /**
     * Creates the space for {@code tenant} (true) or finds it with the same settings (false);
     * SpaceConflictException otherwise, SpaceQuotaExceededException when a new space would take the
     * tenant past its limit (then nothing is created). A space that exists costs no quota.
     */
    public boolean create(String tenant, String space, SpaceSettings settings) {
        CassandraOpStores stores = backend.stores();
        // Open here, or found (a serial read): a host re-creating its space at every start costs no ledger work.
        if (isOpen(space) || calls.await(stores.findSpace(space)).isPresent()) {
            boolean created = calls.await(stores.createSpaceReportingNew(space, settings));
            if (created) { // dropped meanwhile, so created again: it is this tenant's now
                calls.await(ledger.record(tenant, space));
            }
            return created;
        }
        int limit = ledger.limitOf(tenant);
        if (limit >= 0 && calls.await(ledger.count(tenant)) >= limit) {
            throw new SpaceQuotaExceededException(tenant, limit, false);
        }
        long recorded = calls.await(ledger.record(tenant, space));
        if (limit >= 0 && recorded > limit) { // there was room, but concurrent creations took it (or may yet give it back)
            calls.await(ledger.release(tenant, space));
            throw new SpaceQuotaExceededException(tenant, limit, true);
        }
        try {
            // false: created meanwhile through another call; its record stays, as the space does.
            return calls.await(stores.createSpaceReportingNew(space, settings));
        } catch (RuntimeException e) {
            if (calls.await(stores.findSpace(space)).isEmpty()) {
                calls.await(ledger.release(tenant, space));
            }
            throw e;
        }
    }

    /** The store of an existing space; UnknownSpaceException when it was never created or was dropped. */
    public MeteredStore open(String space) {
        OpenSpace cached = cached(space);
        if (!cached.claimRevalidation(System.nanoTime(), revalidateAfterNanos)) {
            return cached.store;
        }
        SpaceHandle current = calls.await(backend.stores().findSpace(space)).orElse(null);
        if (current != null && current.uid().equals(cached.uid)) {
            return cached.store;
        }
        open.asMap().remove(space, cached); // dropped, or dropped and re-created under a new uid
        if (current == null) {
            throw new UnknownSpaceException(space);
        }
        return cached(space).store;
    }

    private OpenSpace cached(String space) {
        try {
            return open.get(space, () -> load(space));
        } catch (ExecutionException | UncheckedExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new K2StoreException("opening space '" + space + "' failed: " + e.getCause(), e.getCause());
        }
    }

    private OpenSpace load(String space) {
        CassandraOpStores stores = backend.stores();
        SpaceHandle handle = calls.await(stores.findSpace(space)).orElseThrow(() -> new UnknownSpaceException(space));
        MeteredStore store = tuning.served(space,
                new MeteredStore(stores.store(handle, tuning.clockFor(space), tuning.settleWindowFor(space, settleWindow)), metrics));
        return new OpenSpace(store, handle.uid(), System.nanoTime());
    }

    /** Whether this process has the space's store open: true only for a space that exists. */
    public boolean isOpen(String space) {
        return open.getIfPresent(space) != null;
    }

    /** Drops the space (true when it existed), forgets its store here and gives its creator the room back. */
    public boolean drop(String space) {
        try {
            boolean dropped = calls.await(backend.stores().dropSpace(space));
            calls.await(ledger.forget(space));
            return dropped;
        } finally {
            open.invalidate(space);
        }
    }
}
