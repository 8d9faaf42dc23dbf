package org.k2store.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.bench.BenchTarget;
import org.k2store.bench.Workload;
import org.k2store.bench.sqlite.SqliteIndexes;
import org.k2store.bench.sqlite.SqliteOpStore;

/**
 * The peer: {@link SqliteOpStore}, one SQLite file per data set under the work directory, deleted
 * once the driver is done with it. The index-less (0.7) layout skips start-up: each of its ~70
 * queries per sector is a full table scan, and its slice figures already show that cost.
 */
public final class SqliteTarget implements BenchTarget {

    private final Path directory;
    private final SqliteIndexes indexes;
    private final Map<OpStore, Path> files = new ConcurrentHashMap<>();

    public SqliteTarget(Path directory, SqliteIndexes indexes) {
        this.directory = directory;
        this.indexes = indexes;
    }

    public static String nameFor(SqliteIndexes indexes) {
        return indexes == SqliteIndexes.HOLOCHAIN_0_6 ? "sqlite-hc06" : "sqlite-hc07";
    }

    @Override
    public String name() {
        return nameFor(indexes);
    }

    @Override
    public String description() {
        return "SQLite (xerial sqlite-jdbc) file, Holochain's op table, WAL, synchronous=NORMAL, one connection on one thread, indexes: "
                + (indexes == SqliteIndexes.HOLOCHAIN_0_6 ? "Holochain 0.6's single-column indexes on created_at and on location"
                        : "none (Holochain 0.7: the op table alone)");
    }

    @Override
    public Set<Workload> workloads() {
        return indexes == SqliteIndexes.NONE ? EnumSet.complementOf(EnumSet.of(Workload.STARTUP)) : EnumSet.allOf(Workload.class);
    }

    @Override
    public OpStore create(String space, SpaceSettings settings, MicrosClock clock) {
        Path file = directory.resolve(space + "-" + indexes.wireName() + ".db");
        try {
            Files.createDirectories(directory);
            deleteWithJournal(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SqliteOpStore store = SqliteOpStore.open(file, indexes, settings, clock, SettleWindow.NONE);
        files.put(store, file);
        return store;
    }

    @Override
    public void release(OpStore store) {
        ((SqliteOpStore) store).close();
        Path file = files.remove(store);
        if (file != null) {
            try {
                deleteWithJournal(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteWithJournal(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }
}
