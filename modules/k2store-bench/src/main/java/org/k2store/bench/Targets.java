package org.k2store.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.k2store.bench.sqlite.SqliteIndexes;
import org.k2store.bench.target.CassandraTarget;
import org.k2store.bench.target.HttpTarget;
import org.k2store.bench.target.LeanHttpTarget;
import org.k2store.bench.target.PlainOneTableTarget;
import org.k2store.bench.target.PlainSameRowsTarget;
import org.k2store.bench.target.MemoryTarget;
import org.k2store.bench.target.PartitionRecorder;
import org.k2store.bench.target.RawDriverTarget;
import org.k2store.bench.target.ServerProcess;
import org.k2store.bench.target.SqliteTarget;
import org.k2store.cassandra.CassandraOpStores;

/**
 * Builds the targets a run names, in that order, over one Cassandra session. Both Cassandra stores
 * (fan-out 32 and 1) and the raw driver share the session; the last two read the spaces the first loads.
 * The HTTP targets (http through K2StoreClient, http-lean through LeanHttpClient) share one service
 * in a JVM of its own over the same node and keyspace, on free ports. The ingest limits
 * (plain-one-table, plain-same-rows) write through the same session.
 */
final class Targets implements AutoCloseable {

    private final List<BenchTarget> targets = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private ServerProcess server;
    /** The k2store stores opened here: their background sealers are waited for after loading. */
    private final List<CassandraOpStores> opened = new ArrayList<>();

    Targets(BenchSettings settings, CassandraNode node) {
        CassandraOpStores fanned = null;
        CassandraOpStores single = null;
        PartitionRecorder fannedCosts = new PartitionRecorder();
        PartitionRecorder singleCosts = new PartitionRecorder();
        if (settings.targets().stream().anyMatch(t -> t.startsWith("cassandra") || t.startsWith("raw-driver") || t.startsWith("http")
                || t.startsWith("plain-"))) {
            fanned = CassandraOpStores.open(node.session(), CassandraNode.storeConfig(settings, 32), fannedCosts);
            owned.add(fanned);
            opened.add(fanned);
        }
        Path sqliteFiles = settings.work().resolve("bench-sqlite");
        for (String name : settings.targets()) {
            switch (name) {
                case "cassandra" -> targets.add(new CassandraTarget(name, fanned, fannedCosts, null, EnumSet.allOf(Workload.class)));
                case "cassandra-fanout1" -> {
                    single = CassandraOpStores.open(node.session(), CassandraNode.storeConfig(settings, 1).setApplySchema(false), singleCosts);
                    owned.add(single);
                    opened.add(single);
                    // Start-up asks single-partition questions, where fan-out changes nothing: not repeated.
                    targets.add(new CassandraTarget(name, single, singleCosts, "cassandra", EnumSet.complementOf(EnumSet.of(Workload.STARTUP))));
                }
                case "raw-driver" -> targets.add(new RawDriverTarget(fanned, "cassandra"));
                case "sqlite-hc06" -> targets.add(new SqliteTarget(sqliteFiles, SqliteIndexes.HOLOCHAIN_0_6));
                case "sqlite-hc07" -> targets.add(new SqliteTarget(sqliteFiles, SqliteIndexes.NONE));
                case "http" -> targets.add(new HttpTarget(server(settings, node), settings.ingestOnly() ? null : "cassandra"));
                case "http-lean" -> targets.add(new LeanHttpTarget(server(settings, node), settings.ingestOnly() ? null : "cassandra"));
                case "plain-one-table" -> targets.add(new PlainOneTableTarget(fanned));
                case "plain-same-rows" -> targets.add(new PlainSameRowsTarget(fanned));
                case "memory" -> targets.add(new MemoryTarget());
                default -> throw new IllegalArgumentException("unknown target " + name);
            }
        }
        for (BenchTarget target : targets) {
            target.readsDataOf().ifPresent(leader -> {
                if (targets.stream().noneMatch(t -> t.name().equals(leader))) {
                    throw new IllegalArgumentException(target.name() + " reads the data of " + leader + ", which is not in --targets");
                }
            });
        }
    }

    /** The one service both HTTP targets talk to, started on free ports (ServerProcess) the first time one is named. */
    private ServerProcess server(BenchSettings settings, CassandraNode node) {
        if (server == null) {
            server = ServerProcess.start(settings.serverJar(), settings.serverConfig(), node.contactPoint(), settings.keyspace(),
                    settings.serverHeap(), settings.work().resolve("k2store-server.log"));
            owned.add(0, server);
        }
        return server;
    }

    /**
     * Waits (at most {@code limit}) until the stores' background sealers have sealed every settled
     * partition the loading wrote (SealBacklog), as they would have long before a host read a year
     * of data; true when they got there.
     */
    boolean awaitBackgroundSeals(java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (CassandraOpStores stores : opened) {
                if (!stores.awaitBackgroundSeals(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<BenchTarget> all() {
        return List.copyOf(targets);
    }

    @Override
    public void close() {
        for (BenchTarget target : targets) {
            target.close();
        }
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
