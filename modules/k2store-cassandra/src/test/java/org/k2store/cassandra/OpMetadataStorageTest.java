package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.LocationScheme;
import org.k2store.api.MetaOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.Envelope;
import org.k2store.api.codec.MemoryOps;
import org.k2store.api.codec.OpCodec;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/**
 * Where an op's metadata lives in Cassandra (migration 005, ops_by_id.metadata) and why first write
 * wins for it: the cell is written in the op's own write, with its write timestamp, also when there is
 * no metadata; a keyspace at schema version 4 gains the column in place and keeps its ops.
 */
@ExtendWith(CassandraExtension.class)
class OpMetadataStorageTest {

    private static final SpaceSettings ENVELOPE = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String freshKeyspace(String what) {
        return "k2store_meta_" + what + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void aKeyspaceAtVersion4GainsTheMetadataColumnInPlaceAndKeepsItsOps(CassandraEndpoint endpoint, CqlSession session) {
        CassandraStoreConfig config = TestStores.defaults().setKeyspace(freshKeyspace("v4"));
        String ks = config.getKeyspace();
        // The keyspace exactly as the release before this migration left it: preamble, 001-004, recorded.
        Schema.Definition definition = Schema.definition(config);
        definition.preamble().forEach(session::execute);
        for (Schema.Migration migration : definition.migrations()) {
            if (migration.version() > 4) {
                continue;
            }
            migration.statements().forEach(session::execute);
            session.execute(SimpleStatement.newInstance("INSERT INTO " + ks + ".schema_migrations (component, version, description, applied_at)"
                    + " VALUES (?, ?, ?, ?)", Schema.COMPONENT, migration.version(), migration.description(), Instant.now()));
        }
        session.refreshSchema();
        assertThat(Schema.appliedVersion(session, config)).hasValue(4);
        assertThat(session.getMetadata().getKeyspace(ks).orElseThrow().getTable("ops_by_id").orElseThrow().getColumn("metadata")).isEmpty();

        // An op stored by that release: its ops_by_id row, visible by id, no metadata cell.
        String name = "v4-" + UUID.randomUUID();
        UUID uid = UUID.randomUUID();
        session.execute(SimpleStatement.newInstance("INSERT INTO " + ks + ".spaces (space, space_uid, codec, location, created_at)"
                + " VALUES (?, ?, ?, ?, ?)", name, uid, "kitsune2-memory", "xor-fold", Instant.now()));
        byte[] old = Ops.memoryOp(21, 40, 100);
        OpId oldId = Ops.memoryOpId(21, 40);
        session.execute(SimpleStatement.newInstance("INSERT INTO " + ks + ".ops_by_id (space_uid, op_id, location, created_at, stored_at,"
                + " size, data, indexed, claims, claim_created) VALUES (?, ?, ?, ?, ?, ?, ?, true, ?, ?)", uid, ByteBuffer.wrap(oldId.toBytes()),
                21, 100L, 4_000_000L, 40, ByteBuffer.wrap(old), Set.of(4_000_000L), java.util.Map.of(4_000_000L, 100L)));

        try (TestStores stores = new TestStores(endpoint, config)) {
            assertThat(Schema.appliedVersion(session, config)).as("upgraded in place").hasValue(Schema.knownVersion());
            assertThat(Schema.status(session, config).isCurrent()).isTrue();
            session.refreshSchema();
            assertThat(session.getMetadata().getKeyspace(ks).orElseThrow().getTable("ops_by_id").orElseThrow().getColumn("metadata")).isPresent();

            CassandraOpStore store = stores.stores.store(result(stores.stores.findSpace(name)).orElseThrow(), new ManualClock(10_000_000),
                    SettleWindow.NONE);
            assertThat(result(store.retrieveOps(List.of(oldId)))).as("the old op, with no metadata").containsExactly(new MetaOp(oldId, old));

            // Sent again with metadata: the first record (the old one, without) stays.
            assertThat(result(store.processIncomingOps(List.of(MemoryOps.incoming(oldId, old, utf8("late")))))).containsExactly(oldId);
            byte[] fresh = Ops.memoryOp(22, 40, 200);
            OpId freshId = Ops.memoryOpId(22, 40);
            result(store.processIncomingOps(List.of(MemoryOps.incoming(null, fresh, utf8("new")))));
            assertThat(result(store.retrieveOps(List.of(oldId, freshId))))
                    .containsExactly(new MetaOp(oldId, old), new MetaOp(freshId, fresh, utf8("new")));
        }
    }

    @Test
    void theMetadataCellCarriesTheOpsFirstWriteTimestampAndALaterWriterLoses(CassandraEndpoint endpoint) {
        try (TestStores stores = new TestStores(endpoint, TestStores.defaults())) {
            SpaceHandle space = result(stores.stores.createSpace("meta-" + UUID.randomUUID(), ENVELOPE));
            CassandraOpStore store = stores.stores.store(space, new ManualClock(50_000_000), SettleWindow.NONE);
            OpId with = Ops.suffixId(1, 1);
            OpId without = Ops.suffixId(2, 2);
            result(store.processIncomingOps(List.of(Envelope.encode(with, 1, utf8("w"), utf8("m")), Envelope.encode(without, 2, utf8("n")))));

            String ks = TestStores.KEYSPACE;
            for (OpId id : List.of(with, without)) {
                Row row = stores.session.execute(SimpleStatement.newInstance("SELECT metadata, writetime(metadata), writetime(data) FROM " + ks
                        + ".ops_by_id WHERE space_uid = ? AND op_id = ?", space.uid(), ByteBuffer.wrap(id.toBytes()))).one();
                assertThat(row.isNull(0)).as("a cell, also for no metadata, so that the first writer's exists to win").isFalse();
                assertThat(row.getLong(1)).as("written with the op's own write timestamp").isEqualTo(row.getLong(2));
                long firstWrite = row.getLong(2);
                // A racing writer with a later stored_at writes with a lower timestamp: none of its cells win.
                stores.session.execute(SimpleStatement.newInstance("UPDATE " + ks + ".ops_by_id USING TIMESTAMP ? SET data = ?, metadata = ?"
                        + " WHERE space_uid = ? AND op_id = ?", firstWrite - 1024, ByteBuffer.wrap(utf8("late")), ByteBuffer.wrap(utf8("late")),
                        space.uid(), ByteBuffer.wrap(id.toBytes())));
            }
            assertThat(result(store.retrieveOps(List.of(with, without))))
                    .containsExactly(new MetaOp(with, utf8("w"), utf8("m")), new MetaOp(without, utf8("n")));
            assertThat(stores.session.execute(SimpleStatement.newInstance("SELECT metadata FROM " + ks + ".ops_by_id WHERE space_uid = ? AND op_id = ?",
                    space.uid(), ByteBuffer.wrap(without.toBytes()))).one().getByteBuffer(0).remaining()).as("none is an empty cell").isZero();
        }
    }

    @Test
    void racingWritersLeaveEachOpWithTheMetadataOfTheWriterWhoseDataWon(CassandraEndpoint endpoint) {
        AtomicInteger races = new AtomicInteger();
        QueryObserver countRaces = new QueryObserver() {
            @Override
            public void onQuery(String method, int partitions, int pages) {
            }

            @Override
            public void onWriteRaces(int reconciled) {
                races.addAndGet(reconciled);
            }
        };
        try (TestStores nodeA = new TestStores(endpoint, TestStores.defaults().setFanOut(64), countRaces);
                TestStores nodeB = new TestStores(endpoint, TestStores.defaults().setFanOut(64).setApplySchema(false), countRaces)) {
            MicrosClock system = MicrosClock.system();
            Set<String> winners = new TreeSet<>();
            for (int round = 0; round < 8 && (round < 2 || races.get() == 0); round++) {
                String name = "meta-race-" + UUID.randomUUID();
                CassandraOpStore a = nodeA.stores.store(result(nodeA.stores.createSpace(name, ENVELOPE)), system, SettleWindow.NONE);
                CassandraOpStore b = nodeB.stores.store(result(nodeB.stores.createSpace(name, ENVELOPE)), system, SettleWindow.NONE);
                List<OpId> ids = new ArrayList<>();
                List<byte[]> fromA = new ArrayList<>();
                List<byte[]> fromB = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    OpId id = Ops.suffixId((long) i * 42_949_672L, round * 1_000L + i);
                    ids.add(id);
                    // A gives no metadata for even ops: if B's cell could fill A's gap, a won op would show B's.
                    fromA.add(Envelope.encode(id, 1_000 + i, utf8("A" + i), i % 2 == 0 ? null : utf8("mA" + i)));
                    fromB.add(Envelope.encode(id, 5_000 + i, utf8("B" + i), utf8("mB" + i)));
                }
                CompletableFuture<List<OpId>> storedA = a.processIncomingOps(fromA);
                CompletableFuture<List<OpId>> storedB = b.processIncomingOps(fromB);
                result(storedA);
                result(storedB);
                List<MetaOp> read = result(b.retrieveOps(ids));
                assertThat(read).hasSize(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    MetaOp op = read.get(i);
                    String data = new String(op.opData(), StandardCharsets.UTF_8);
                    String metadata = op.metadata().map(m -> new String(m, StandardCharsets.UTF_8)).orElse(null);
                    if (data.equals("A" + i)) {
                        winners.add("A");
                        assertThat(metadata).as("op %d won by A", i).isEqualTo(i % 2 == 0 ? null : "mA" + i);
                    } else {
                        winners.add("B");
                        assertThat(data).isEqualTo("B" + i);
                        assertThat(metadata).as("op %d won by B", i).isEqualTo("mB" + i);
                    }
                }
                assertThat(result(a.retrieveOps(ids))).as("both nodes read the same winners").isEqualTo(read);
            }
            assertThat(winners).isNotEmpty();
        }
    }
}
