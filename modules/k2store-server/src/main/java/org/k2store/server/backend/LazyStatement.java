package org.k2store.server.backend;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.k2store.api.StoreUnavailableException;

/**
 * One statement the store library does not know (the console's, the space ledger's), prepared
 * asynchronously on first use (the session exists only once the backend has started, after the
 * resources are built) and kept. A failed preparation is forgotten, so the next call tries again.
 */
public final class LazyStatement {

    private final CassandraBackend backend;
    private final Function<String, SimpleStatement> forKeyspace;
    private CompletableFuture<PreparedStatement> prepared;
    private CqlSession preparedOn;

    public LazyStatement(CassandraBackend backend, Function<String, SimpleStatement> forKeyspace) {
        this.backend = backend;
        this.forKeyspace = forKeyspace;
    }

    public synchronized CompletableFuture<PreparedStatement> get() {
        CqlSession session = backend.sessionOrNull();
        if (session == null) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("Cassandra is not connected", null));
        }
        if (prepared == null || preparedOn != session || prepared.isCompletedExceptionally()) {
            preparedOn = session;
            prepared = session.prepareAsync(forKeyspace.apply(backend.config().getKeyspace())).toCompletableFuture();
        }
        return prepared;
    }

    public CqlSession session() {
        CqlSession session = backend.sessionOrNull();
        if (session == null) {
            throw new StoreUnavailableException("Cassandra is not connected", null);
        }
        return session;
    }
}
