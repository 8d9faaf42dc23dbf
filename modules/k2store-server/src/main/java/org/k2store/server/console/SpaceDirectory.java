package org.k2store.server.console;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.k2store.api.Base64Url;
import org.k2store.api.async.FanOut;
import org.k2store.cassandra.SpaceHandle;
import org.k2store.server.auth.SpacePattern;
import org.k2store.server.auth.Tenant;
import org.k2store.server.backend.CassandraBackend;
import org.k2store.server.backend.LazyStatement;

/**
 * The spaces a tenant may see. A tenant granted only exact ids gets one point read per id; a glob
 * grant needs the spaces table itself, read in pages (one small row per space, never a row of
 * ops) and stopped after {@code limit} visible spaces or {@link #MAX_SCANNED} rows, whichever
 * comes first, so a tenant with few spaces among very many cannot make one view read them all.
 */
public final class SpaceDirectory {

    public static final int MAX_SCANNED = 20_000;
    private static final int PAGE_SIZE = 1000;

    private final CassandraBackend backend;
    private final LazyStatement scan;

    public SpaceDirectory(CassandraBackend backend) {
        this.backend = backend;
        this.scan = new LazyStatement(backend, keyspace -> SimpleStatement.newInstance(
                "SELECT space, space_uid FROM " + keyspace + ".spaces").setIdempotent(true).setPageSize(PAGE_SIZE));
    }

    /** A space as listed: its name (base64url id) and the uid its figures are kept under. */
    public record Listed(String name, UUID uid) {
    }

    /** The visible spaces, sorted by name, and whether the list was cut short. */
    public record Listing(List<Listed> spaces, boolean truncated) {
    }

    public CompletableFuture<Listing> visibleTo(Tenant tenant, int limit) {
        List<String> exact = new ArrayList<>();
        for (SpacePattern pattern : tenant.spaces()) {
            if (pattern.toString().contains("*")) {
                return scanFor(tenant, limit);
            }
            exact.add(pattern.toString());
        }
        return lookUp(exact, limit);
    }

    private CompletableFuture<Listing> lookUp(List<String> names, int limit) {
        List<String> canonical = names.stream().filter(SpaceDirectory::isSpaceId).distinct().sorted().toList();
        List<String> wanted = canonical.subList(0, Math.min(limit, canonical.size()));
        return FanOut.run(wanted.size(), SliceHashPresence.IN_FLIGHT, i -> backend.stores().findSpace(wanted.get(i)), ForkJoinPool.commonPool())
                .thenApply(found -> new Listing(found.stream().flatMap(Optional::stream).map(SpaceDirectory::listed).toList(),
                        canonical.size() > limit));
    }

    private CompletableFuture<Listing> scanFor(Tenant tenant, int limit) {
        return scan.get()
                .thenCompose(statement -> scan.session().executeAsync(statement.bind()).toCompletableFuture())
                .thenCompose(page -> collect(page, tenant, limit, new ArrayList<>(), 0));
    }

    private static CompletableFuture<Listing> collect(AsyncResultSet page, Tenant tenant, int limit, List<Listed> found, int scanned) {
        int seen = scanned;
        for (Row row : page.currentPage()) {
            seen++;
            String name = row.getString(0);
            if (name != null && tenant.mayUse(name)) {
                found.add(new Listed(name, row.getUuid(1)));
                if (found.size() >= limit) {
                    return done(found, page.hasMorePages() || page.remaining() > 0);
                }
            }
        }
        if (page.hasMorePages() && seen < MAX_SCANNED) {
            int total = seen;
            return page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, tenant, limit, found, total));
        }
        return done(found, page.hasMorePages());
    }

    private static CompletableFuture<Listing> done(List<Listed> found, boolean truncated) {
        List<Listed> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        return CompletableFuture.completedFuture(new Listing(List.copyOf(sorted), truncated));
    }

    private static Listed listed(SpaceHandle handle) {
        return new Listed(handle.name(), handle.uid());
    }

    /** Grants are written as canonical ids; one that is not valid base64url names no space. */
    private static boolean isSpaceId(String name) {
        try {
            return !name.isEmpty() && Base64Url.encode(Base64Url.decode(name, "space")).equals(name);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
