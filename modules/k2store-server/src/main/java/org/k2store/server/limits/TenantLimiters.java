package org.k2store.server.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.k2store.server.config.AuthConfig;
import org.k2store.server.config.LimitsConfig;
import org.k2store.server.config.TenantConfig;

/**
 * The limiter of every tenant, by tenant name: limits.tenantRequestsPerSecond and
 * limits.tenantMaxInFlightRequests, unless the tenant's entry in auth.tenants overrides them. One
 * limiter per tenant, whichever of its tokens a request carries; the anonymous tenant of the
 * loopback default gets the defaults.
 */
public final class TenantLimiters {

    private final Map<String, TenantLimiter> byTenant = new ConcurrentHashMap<>();
    private final LimitsConfig limits;

    public TenantLimiters(LimitsConfig limits, AuthConfig auth) {
        this.limits = limits;
        for (TenantConfig tenant : auth.getTenants()) {
            double rate = tenant.getRequestsPerSecond() != null ? tenant.getRequestsPerSecond() : limits.getTenantRequestsPerSecond();
            int inFlight = tenant.getMaxInFlightRequests() != null ? tenant.getMaxInFlightRequests()
                    : limits.getTenantMaxInFlightRequests();
            byTenant.putIfAbsent(tenant.getName(), new TenantLimiter(tenant.getName(), rate, inFlight, limits.getRetryAfterSeconds()));
        }
    }

    public TenantLimiter of(String tenant) {
        return byTenant.computeIfAbsent(tenant, name -> new TenantLimiter(name, limits.getTenantRequestsPerSecond(),
                limits.getTenantMaxInFlightRequests(), limits.getRetryAfterSeconds()));
    }
}
