package org.k2store.server.backend;

/**
 * A tenant asked for one more space than it may create, nothing created: answered 403
 * space_quota_exceeded, or 429 when other creations of the same tenant raced this one at the
 * limit ({@link #contended()}), where a retry may find room.
 */
public final class SpaceQuotaExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean contended;

    public SpaceQuotaExceededException(String tenant, int limit, boolean contended) {
        super(contended
                ? "space: tenant '" + tenant + "' is creating other spaces at the same time, which together would take it past"
                        + " its limit of " + limit + " spaces; retry"
                : "space: tenant '" + tenant + "' has created " + limit + " spaces, its limit (auth.tenants[].maxSpaces, else"
                        + " limits.maxSpacesPerTenant); a space dropped gives the room back");
        this.contended = contended;
    }

    public boolean contended() {
        return contended;
    }
}
