package org.k2store.server.metrics;

import com.codahale.metrics.MetricRegistry;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.RemovalListener;
import java.time.Duration;

/**
 * Per-space counters, for telling which tenant's space drives the load:
 * {@code k2store.spaces.<space>.requests} (authorized API calls) and
 * {@code k2store.spaces.<space>.ops-stored} (ops accepted by process_incoming_ops, re-sent ones
 * included). Kept for the spaces used recently, at most as many as the service keeps open
 * (storeCache): a client naming millions of spaces must not grow the registry without bound, so a
 * space idle past the expiry, or pushed out by newer ones, loses its counters (they restart at 0).
 */
public final class SpaceMetrics {

    private final MetricRegistry metrics;
    private final Cache<String, Boolean> tracked;

    public SpaceMetrics(MetricRegistry metrics, long maximumSpaces, Duration expireAfterAccess) {
        this.metrics = metrics;
        this.tracked = CacheBuilder.newBuilder()
                .maximumSize(maximumSpaces)
                .expireAfterAccess(expireAfterAccess)
                .removalListener((RemovalListener<String, Boolean>) removed -> {
                    if (removed.wasEvicted()) {
                        metrics.remove(requests(removed.getKey()));
                        metrics.remove(opsStored(removed.getKey()));
                    }
                })
                .build();
    }

    public void request(String space) {
        track(space);
        metrics.counter(requests(space)).inc();
    }

    public void opsStored(String space, int count) {
        track(space);
        metrics.counter(opsStored(space)).inc(count);
    }

    private void track(String space) {
        if (tracked.getIfPresent(space) == null) { // a read refreshes the access time; a put would replace
            tracked.put(space, Boolean.TRUE);
        }
    }

    /** Applies pending evictions now (Guava does it lazily, during later writes). */
    void cleanUp() {
        tracked.cleanUp();
    }

    private static String requests(String space) {
        return MetricRegistry.name("k2store.spaces", space, "requests");
    }

    private static String opsStored(String space) {
        return MetricRegistry.name("k2store.spaces", space, "ops-stored");
    }
}
