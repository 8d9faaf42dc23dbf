package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/**
 * Numbered migrations: a fresh keyspace records all of them, a keyspace made by the code before
 * migrations were recorded (the schema of 1280f65) is upgraded in place and keeps its ops, applying
 * again changes nothing, and a keyspace recorded at a newer version is refused.
 */
@ExtendWith(CassandraExtension.class)
class SchemaMigrationTest {

    /** The schema file as of commit 1280f65, before migrations: what old keyspaces were made from. */
    private static final String OLD_SCHEMA = "/org/k2store/cassandra/schema-1280f65.cql";

    private static String freshKeyspace(String what) {
        return "k2store_mig_" + what + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void theFileIsNumberedMigrationsAndMigrationOneIsTheOldSchema() {
        CassandraStoreConfig config = new CassandraStoreConfig().setKeyspace("ks");
        List<Schema.Migration> migrations = Schema.migrations(config);
        assertThat(migrations).extracting(Schema.Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(Schema.knownVersion()).isEqualTo(11);
        assertThat(migrations).allSatisfy(migration -> assertThat(migration.description()).isNotBlank());
        // Idempotent, so applying again is safe: creations and additions if not there, table options set on a table that is.
        assertThat(Schema.statements(config)).allSatisfy(cql -> assertThat(cql).satisfiesAnyOf(
                statement -> assertThat(statement).contains("IF NOT EXISTS"),
                statement -> assertThat(statement).startsWith("ALTER TABLE IF EXISTS ").contains(" WITH ").doesNotContain(" ADD ", " DROP ")));
        assertThat(migrations.get(9).statements()).hasSize(3).allSatisfy(cql -> assertThat(cql).contains("'UnifiedCompactionStrategy'"));

        // 001 is exactly the statements of the old file but the keyspace, which the preamble creates.
        List<String> old = oldStatements(config);
        assertThat(old.get(0)).startsWith("CREATE KEYSPACE IF NOT EXISTS ks");
        assertThat(migrations.get(0).statements()).containsExactlyElementsOf(old.subList(1, old.size()));
        assertThat(migrations.get(1).statements()).containsExactly("ALTER TABLE ks.ops_by_id ADD IF NOT EXISTS claims set<bigint>;");
        assertThat(migrations.get(4).statements()).containsExactly("ALTER TABLE ks.ops_by_id ADD IF NOT EXISTS metadata blob;");

        Schema.Definition definition = Schema.definition(config);
        assertThat(definition.preamble()).hasSize(2);
        assertThat(definition.preamble().get(0)).isEqualTo(old.get(0));
        assertThat(definition.preamble().get(1)).startsWith("CREATE TABLE IF NOT EXISTS ks.schema_migrations ");

        assertThatThrownBy(() -> Schema.parse("CREATE KEYSPACE IF NOT EXISTS x;\n", config)).hasMessageContaining("migration 001");
        assertThatThrownBy(() -> Schema.parse("-- migration 001: a\nSELECT 1;\n-- migration 003: c\nSELECT 1;\n", config))
                .hasMessageContaining("expected 2");
    }

    @Test
    void aFreshKeyspaceRecordsEveryMigrationAndApplyingAgainIsANoOp(CqlSession session) {
        CassandraStoreConfig config = new CassandraStoreConfig().setKeyspace(freshKeyspace("fresh"));
        assertThat(Schema.status(session, config).appliedVersion()).isEmpty();

        Schema.apply(session, config);
        Map<Integer, Row> recorded = recorded(session, config);
        assertThat(recorded.keySet()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        for (Schema.Migration migration : Schema.migrations(config)) {
            assertThat(recorded.get(migration.version()).getString("description")).isEqualTo(migration.description());
            assertThat(recorded.get(migration.version()).getInstant("applied_at")).isNotNull();
        }
        Schema.Status status = Schema.status(session, config);
        assertThat(status.isCurrent()).isTrue();
        assertThat(status.appliedVersion()).isEqualTo(OptionalInt.of(11));
        assertThat(status.message()).isEqualTo("keyspace " + config.getKeyspace() + " complete, schema version 11");

        Map<Integer, Instant> appliedAt = new HashMap<>();
        recorded.forEach((version, row) -> appliedAt.put(version, row.getInstant("applied_at")));
        Schema.apply(session, config);
        Map<Integer, Instant> again = new HashMap<>();
        recorded(session, config).forEach((version, row) -> again.put(version, row.getInstant("applied_at")));
        assertThat(again).as("nothing re-applied or re-recorded").isEqualTo(appliedAt);
        assertThat(Schema.missingTables(session, config)).isEmpty();
    }

    @Test
    void twoNodesApplyingAtOnceBothSucceed(CqlSession session) {
        CassandraStoreConfig config = new CassandraStoreConfig().setKeyspace(freshKeyspace("race"));
        List<CompletableFuture<Void>> nodes = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.runAsync(() -> Schema.apply(session, config))).toList();
        nodes.forEach(CompletableFuture::join);
        assertThat(recorded(session, config).keySet()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(Schema.status(session, config).isCurrent()).isTrue();
    }

    @Test
    void aKeyspaceMadeByTheOldCodeIsUpgradedInPlaceAndKeepsItsOps(CassandraEndpoint endpoint, CqlSession session) {
        CassandraStoreConfig config = TestStores.defaults().setKeyspace(freshKeyspace("old"));
        for (String cql : oldStatements(config)) {
            session.execute(cql);
        }
        session.refreshSchema();
        assertThat(Schema.missingTables(session, config)).containsExactlyInAnyOrder("space_purges", "recent_sector_stats", "closed_timestamps",
                "sealed_chunks", "tenant_spaces", "space_creators", Schema.MIGRATIONS_TABLE);
        Schema.Status before = Schema.status(session, config);
        assertThat(before.isCurrent()).isFalse();
        assertThat(before.message()).contains("missing: space_purges, recent_sector_stats, closed_timestamps, sealed_chunks, tenant_spaces, space_creators, schema_migrations");

        // A space and three ops written the old way: the op row with indexed = true, index rows at both
        // grains of both indexes, and the bucket markers.
        String space = "old-" + UUID.randomUUID();
        UUID uid = UUID.randomUUID();
        session.execute(SimpleStatement.newInstance("INSERT INTO " + config.getKeyspace()
                        + ".spaces (space, space_uid, codec, location, created_at) VALUES (?, ?, ?, ?, ?)", space, uid,
                SpaceSettings.KITSUNE2_MEMORY.codec().wireName(), SpaceSettings.KITSUNE2_MEMORY.location().wireName(), Instant.now()));
        int[] locations = {77, 500_000_000, 2_000_000_000};
        List<OpId> ids = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < locations.length; i++) {
            byte[] op = Ops.memoryOp(locations[i], 40, 100 + i);
            ids.add(Ops.memoryOpId(locations[i], 40));
            data.add(op);
            insertTheOldWay(session, config, uid, ids.get(i), locations[i], 100 + i, 4_000_000L + i, op);
        }

        try (TestStores stores = new TestStores(endpoint, config)) {
            assertThat(recorded(session, config).keySet()).as("upgraded in place").containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(Schema.status(session, config).isCurrent()).isTrue();

            SpaceHandle handle = result(stores.stores.findSpace(space)).orElseThrow();
            assertThat(handle.layout()).as("an old space is given the configured layout when first opened")
                    .isEqualTo(config.bucketLayout().recorded());
            CassandraOpStore store = stores.stores.store(handle, new ManualClock(10_000_000), SettleWindow.NONE);
            List<MetaOp> retrieved = result(store.retrieveOps(ids));
            assertThat(retrieved).extracting(MetaOp::opId).containsExactlyElementsOf(ids);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(retrieved.get(i).opData()).isEqualTo(data.get(i));
            }
            assertThat(result(store.filterOutExistingOps(ids))).isEmpty();
            assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(1000))).opIds())
                    .containsExactlyElementsOf(ids);
            assertThat(result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), 1_000_000)).opIds())
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(result(store.queryTotalOpCount())).isEqualTo(3L);

            byte[] fresh = Ops.memoryOp(1234, 40, 500);
            OpId freshId = Ops.memoryOpId(1234, 40);
            assertThat(result(store.processIncomingOps(List.of(fresh, data.get(1))))).contains(freshId);
            assertThat(result(store.retrieveOps(List.of(freshId)))).extracting(MetaOp::opId).containsExactly(freshId);
            assertThat(result(store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(0), new Timestamp(1000))).opIds())
                    .hasSize(4).contains(freshId);
            assertThat(result(store.queryTotalOpCount())).as("the re-sent old op is not counted twice").isEqualTo(4L);
        }
    }

    /**
     * A keyspace as today's main left it (migrations 1 to 9 applied and recorded, ops in it) is
     * upgraded to 10 when a node of this code opens it: recorded, its op tables compacting with UCS,
     * its ops still there.
     */
    @Test
    void aKeyspaceAtVersionNineIsUpgradedToUnifiedCompaction(CassandraEndpoint endpoint, CqlSession session) {
        CassandraStoreConfig config = TestStores.defaults().setKeyspace(freshKeyspace("nine"));
        Schema.Definition definition = Schema.definition(config);
        definition.preamble().forEach(session::execute);
        for (Schema.Migration migration : definition.migrations().subList(0, 9)) {
            migration.statements().forEach(session::execute);
            session.execute(SimpleStatement.newInstance("INSERT INTO " + config.getKeyspace() + "." + Schema.MIGRATIONS_TABLE
                    + " (component, version, description, applied_at) VALUES (?, ?, ?, ?)", Schema.COMPONENT, migration.version(),
                    migration.description(), Instant.now()));
        }
        session.refreshSchema();
        assertThat(Schema.status(session, config).appliedVersion()).isEqualTo(OptionalInt.of(9));
        assertThat(compactionClass(session, config, "ops_by_id")).endsWith(".SizeTieredCompactionStrategy");

        String space = "nine-" + UUID.randomUUID();
        UUID uid = UUID.randomUUID();
        session.execute(SimpleStatement.newInstance("INSERT INTO " + config.getKeyspace()
                        + ".spaces (space, space_uid, codec, location, created_at, layout) VALUES (?, ?, ?, ?, ?, ?)", space, uid,
                SpaceSettings.KITSUNE2_MEMORY.codec().wireName(), SpaceSettings.KITSUNE2_MEMORY.location().wireName(), Instant.now(),
                config.bucketLayout().recorded()));
        byte[] op = Ops.memoryOp(321, 40, 100);
        OpId id = Ops.memoryOpId(321, 40);
        insertTheOldWay(session, config, uid, id, 321, 100, 4_000_000L, op);

        try (TestStores stores = new TestStores(endpoint, config)) {
            assertThat(recorded(session, config).keySet()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            session.refreshSchema();
            for (String table : List.of("ops_by_id", "ops_by_created", "ops_by_stored")) {
                assertThat(compactionClass(session, config, table)).as(table).endsWith(".UnifiedCompactionStrategy");
            }
            assertThat(compactionClass(session, config, "slice_hashes")).as("the other tables keep the default")
                    .endsWith(".SizeTieredCompactionStrategy");
            SpaceHandle handle = result(stores.stores.findSpace(space)).orElseThrow();
            CassandraOpStore store = stores.stores.store(handle, new ManualClock(10_000_000), SettleWindow.NONE);
            assertThat(result(store.retrieveOps(List.of(id)))).extracting(MetaOp::opData).containsExactly(op);
            assertThat(result(store.queryTotalOpCount())).isEqualTo(1L);
        }
    }

    private static String compactionClass(CqlSession session, CassandraStoreConfig config, String table) {
        Map<?, ?> compaction = (Map<?, ?>) session.getMetadata().getKeyspace(config.getKeyspace()).orElseThrow().getTable(table).orElseThrow()
                .getOptions().get(CqlIdentifier.fromCql("compaction"));
        return String.valueOf(compaction.get("class"));
    }

    @Test
    void aKeyspaceRecordedAtANewerVersionIsRefused(CqlSession session) {
        CassandraStoreConfig config = TestStores.defaults().setKeyspace(freshKeyspace("newer"));
        Schema.apply(session, config);
        int newer = Schema.knownVersion() + 1;
        session.execute(SimpleStatement.newInstance("INSERT INTO " + config.getKeyspace()
                        + ".schema_migrations (component, version, description, applied_at) VALUES (?, ?, ?, ?)",
                Schema.COMPONENT, newer, "from the future", Instant.now()));

        String expected = "keyspace " + config.getKeyspace() + " is at schema version " + newer + ", newer than this k2store knows ("
                + Schema.knownVersion() + ")";
        assertThatThrownBy(() -> Schema.apply(session, config)).isInstanceOf(Schema.NewerSchemaException.class).hasMessageContaining(expected);
        assertThatThrownBy(() -> CassandraOpStores.open(session, config)).isInstanceOf(Schema.NewerSchemaException.class);
        assertThatThrownBy(() -> Schema.requireNotNewer(session, config)).hasMessageContaining(expected);
        Schema.Status status = Schema.status(session, config);
        assertThat(status.isNewerThanKnown()).isTrue();
        assertThat(status.isCurrent()).isFalse();
        assertThat(status.message()).startsWith(expected);
    }

    private static void insertTheOldWay(CqlSession session, CassandraStoreConfig config, UUID space, OpId id, int location,
            long createdAt, long storedAt, byte[] data) {
        String ks = config.getKeyspace();
        BucketLayout layout = config.bucketLayout();
        ByteBuffer opId = ByteBuffer.wrap(id.toBytes());
        for (IndexKind kind : IndexKind.values()) {
            long time = kind == IndexKind.CREATED ? createdAt : storedAt;
            long timeBucket = layout.timeBucket(kind, time);
            for (Grain grain : Grain.values()) {
                int locBucket = layout.bucketOf(grain, location);
                session.execute(SimpleStatement.newInstance("INSERT INTO " + ks + ".bucket_index (space_uid, index_kind, grain, loc_bucket,"
                        + " time_bucket) VALUES (?, ?, ?, ?, ?)", space, kind.code, grain.code, locBucket, timeBucket));
                session.execute(SimpleStatement.newInstance("INSERT INTO " + ks + "." + kind.table + " (space_uid, grain, loc_bucket,"
                                + " time_bucket, " + kind.timeColumn + ", op_id, location, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        space, grain.code, locBucket, timeBucket, time, opId, location, data.length));
            }
        }
        session.execute(SimpleStatement.newInstance("INSERT INTO " + ks + ".ops_by_id (space_uid, op_id, location, created_at, stored_at,"
                + " size, data, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, true) IF NOT EXISTS", space, opId, location, createdAt, storedAt,
                data.length, ByteBuffer.wrap(data)));
    }

    private static Map<Integer, Row> recorded(CqlSession session, CassandraStoreConfig config) {
        Map<Integer, Row> rows = new java.util.TreeMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT version, description, applied_at FROM " + config.getKeyspace()
                + ".schema_migrations WHERE component = ?", Schema.COMPONENT))) {
            rows.put(row.getInt("version"), row);
        }
        return rows;
    }

    /** The old file's statements, split the way the old code split them. */
    private static List<String> oldStatements(CassandraStoreConfig config) {
        String text = Schema.read(OLD_SCHEMA).replace("${KEYSPACE}", config.getKeyspace()).replace("${REPLICATION}", config.replicationCql());
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return statements;
    }
}
