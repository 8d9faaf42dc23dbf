package org.k2store.server.limits;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import java.time.Duration;
import org.k2store.server.config.LimitsConfig;

/**
 * Limits for requests that carry no valid token, a cap on those in progress per client address:
 * they are answered 401 cheaply, but until then they hold a thread and a slot of the service-wide
 * cap, so one address must not take them all. No rate limit: an infinite rate never refuses. Bounded: at most {@code limits.unauthenticatedAddresses} addresses are
 * remembered, the least recently seen forgotten first (a forgotten address starts a fresh share).
 */
public final class AddressLimiters {

    private final LoadingCache<String, TenantLimiter> byAddress;

    public AddressLimiters(LimitsConfig limits) {
        this.byAddress = CacheBuilder.newBuilder()
                .maximumSize(limits.getUnauthenticatedAddresses())
                .expireAfterAccess(Duration.ofMinutes(10))
                .build(CacheLoader.from(address -> new TenantLimiter("unauthenticated requests from " + address,
                        "(no rate limit)", "limits.unauthenticatedMaxInFlightRequests",
                        Double.POSITIVE_INFINITY, limits.getUnauthenticatedMaxInFlightRequests(),
                        limits.getRetryAfterSeconds())));
    }

    public TenantLimiter of(String address) {
        return byAddress.getUnchecked(address);
    }
}
