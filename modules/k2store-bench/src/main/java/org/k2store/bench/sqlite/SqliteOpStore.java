package org.k2store.bench.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.k2store.api.BoundedPage;
import org.k2store.api.DecodedOp;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
import org.k2store.api.K2StoreException;
import org.k2store.api.MetaOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoredAtSequence;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/**
 * The "peer": an OpStore the way Holochain keeps ops on a device, one SQLite file with one op table
 * (see {@link SqliteSchema}), so the benchmark can compare k2store with what a node runs today.
 *
 * <p>SQLite has a single writer, and one connection is not safe to share, so every call runs on ONE
 * thread that owns the connection: calls are served one at a time, in the order they arrive. A batch
 * of ops is one transaction: a failure stores nothing of it.
 */
public final class SqliteOpStore implements OpStore, AutoCloseable {

    private final SpaceSettings settings;
    private final MicrosClock clock;
    private final SettleWindow settleWindow;
    private final StoredAtSequence storedAt;
    private final ExecutorService thread;
    private final Connection connection;
    private final SqliteOps sql;

    private SqliteOpStore(Connection connection, SpaceSettings settings, MicrosClock clock, SettleWindow settleWindow, String name)
            throws SQLException {
        this.connection = connection;
        this.sql = new SqliteOps(connection);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settleWindow = Objects.requireNonNull(settleWindow, "settleWindow");
        this.storedAt = new StoredAtSequence(clock);
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "sqlite-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating when missing) the store in {@code file}. */
    public static SqliteOpStore open(Path file, SqliteIndexes indexes, SpaceSettings settings, MicrosClock clock,
            SettleWindow settleWindow) {
        return open("jdbc:sqlite:" + file.toAbsolutePath(), file.getFileName().toString(), indexes, settings, clock, settleWindow);
    }

    /**
     * A store in a private in-memory database: the same schema and SQL without a file, for tests that
     * open hundreds of stores (creating a file costs several fsyncs).
     */
    public static SqliteOpStore openInMemory(SqliteIndexes indexes, SpaceSettings settings, MicrosClock clock, SettleWindow settleWindow) {
        return open("jdbc:sqlite::memory:", "memory", indexes, settings, clock, settleWindow);
    }

    private static SqliteOpStore open(String url, String name, SqliteIndexes indexes, SpaceSettings settings, MicrosClock clock,
            SettleWindow settleWindow) {
        try {
            Connection connection = DriverManager.getConnection(url);
            SqliteSchema.apply(connection, indexes);
            return new SqliteOpStore(connection, settings, clock, settleWindow, name);
        } catch (SQLException e) {
            throw new K2StoreException("sqlite: cannot open " + url + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
        List<DecodedOp> decoded;
        try {
            require(ops, "ops");
            decoded = new ArrayList<>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                decoded.add(settings.decode(ops.get(i), "ops[" + i + "]"));
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return onThread(() -> {
            List<OpId> ids = new ArrayList<>(decoded.size());
            Map<OpId, DecodedOp> fresh = new LinkedHashMap<>();
            for (DecodedOp op : decoded) {
                ids.add(op.opId());
                if (!fresh.containsKey(op.opId()) && !sql.exists(op.opId())) {
                    fresh.put(op.opId(), op); // the first record of an id wins
                }
            }
            if (fresh.isEmpty()) {
                return ids;
            }
            long stamp = storedAt.reserve(fresh.size());
            connection.setAutoCommit(false);
            try {
                for (DecodedOp op : fresh.values()) {
                    sql.insert(op.opId(), settings.locationOf(op.opId()), op.createdAt().micros(), stamp++, op.size(), op.storedBytes());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return ids;
        });
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return onThread(() -> {
            require(arc, "arc");
            require(start, "start");
            require(end, "end");
            if (arc.isEmpty() || start.compareTo(end) >= 0) {
                return new TimeSliceHashes(List.of(), 0);
            }
            return sql.timeSlice(arc, start, end);
        });
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        return onThread(() -> {
            requireIds(ids);
            List<MetaOp> found = new ArrayList<>();
            for (OpId id : ids) {
                byte[] bytes = sql.data(id);
                if (bytes != null) {
                    found.add(new MetaOp(id, bytes));
                }
            }
            return found;
        });
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        return onThread(() -> {
            requireIds(ids);
            List<OpId> missing = new ArrayList<>();
            for (OpId id : ids) {
                if (!sql.exists(id)) {
                    missing.add(id);
                }
            }
            return missing;
        });
    }

    @Override
    public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
        return onThread(() -> {
            require(arc, "arc");
            require(start, "start");
            OpSizes.checkLimit(limitBytes, "limit_bytes");
            Timestamp callStart = clock.now();
            List<OpId> ids = new ArrayList<>();
            if (arc.isEmpty()) {
                return new BoundedPage(ids, 0, callStart);
            }
            SqliteOps.BoundedScan scan = sql.bounded(arc, start, limitBytes, ids);
            return new BoundedPage(ids, scan.totalBytes(), settleWindow.bookmark(callStart, scan.firstNotFitting()));
        });
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        return onThread(() -> {
            require(arc, "arc");
            return arc.isEmpty() ? Optional.empty() : sql.earliest(arc);
        });
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        byte[] copy;
        try {
            require(arc, "arc");
            SliceIndexes.checkHash(hash);
            copy = hash.clone();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return onThread(() -> {
            sql.storeSliceHash(arc, sliceIndex, copy);
            return null;
        });
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return onThread(() -> {
            require(arc, "arc");
            return sql.sliceHashCount(arc);
        });
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        return onThread(() -> {
            require(arc, "arc");
            return sql.sliceHash(arc, sliceIndex);
        });
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return onThread(() -> {
            require(arc, "arc");
            return sql.sliceHashes(arc);
        });
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return onThread(sql::count);
    }

    /** How SQLite plans the arc queries (EXPLAIN QUERY PLAN), for the benchmark's record. */
    public CompletableFuture<Map<String, String>> queryPlans() {
        return onThread(sql::queryPlans);
    }

    /** Finishes the queued calls, then closes the connection. */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        CompletableFuture<Void> closed = onThread(() -> {
            sql.close();
            return null;
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
            closed.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidInputException(field + ": missing");
        }
    }

    private static void requireIds(List<OpId> ids) {
        require(ids, "op_ids");
        for (int i = 0; i < ids.size(); i++) {
            require(ids.get(i), "op_ids[" + i + "]");
        }
    }

    /** Runs {@code body} on the connection's thread; SQL errors arrive as a failed future of the API's type. */
    private <T> CompletableFuture<T> onThread(SqlCall<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(body.call());
                } catch (SQLException e) {
                    result.completeExceptionally(new K2StoreException("sqlite: " + e.getMessage(), e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new K2StoreException("sqlite: the store is closed", e));
        }
        return result;
    }

    /** A piece of work on the connection. */
    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }
}
