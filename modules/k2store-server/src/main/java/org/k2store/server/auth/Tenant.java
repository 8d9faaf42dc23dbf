package org.k2store.server.auth;

import java.util.List;

/** A caller of the API, as authenticated: its name and the spaces granted to it. */
public record Tenant(String name, List<SpacePattern> spaces) {

    /** The tenant of token-less requests when anonymous loopback access is on: every space. */
    public static final Tenant ANONYMOUS = new Tenant("anonymous", List.of(SpacePattern.parse("*")));

    public Tenant {
        spaces = List.copyOf(spaces);
    }

    public boolean mayUse(String space) {
        return spaces.stream().anyMatch(pattern -> pattern.matches(space));
    }

    /**
     * Service-wide figures show every tenant's traffic together, so only a tenant granted every
     * space ({@code "*"}, the operator's grant, and the anonymous loopback tenant) may see them.
     */
    public boolean seesWholeService() {
        return spaces.stream().anyMatch(pattern -> pattern.toString().equals("*"));
    }
}
