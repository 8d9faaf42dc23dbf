package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraExtension;

/** The schema file is the data model: it parses, applies twice, and the code finds every table. */
@ExtendWith(CassandraExtension.class)
class SchemaTest {

    @Test
    void theSchemaFileHasTheKeyspaceAndEveryTable() {
        List<String> statements = Schema.statements(new CassandraStoreConfig().setKeyspace("ks"));
        // The keyspace, the tables (schema_migrations included), the seven columns added since tables were
        // first created, and the compaction of the three op tables.
        assertThat(statements).hasSize(1 + Schema.TABLES.size() + 7 + 3);
        assertThat(statements).contains("ALTER TABLE ks.ops_by_created ADD IF NOT EXISTS sealed blob static;",
                "ALTER TABLE ks.spaces ADD IF NOT EXISTS layout text;",
                "ALTER TABLE ks.ops_by_id ADD IF NOT EXISTS claim_created map<bigint, bigint>;",
                "ALTER TABLE ks.ops_by_id ADD IF NOT EXISTS metadata blob;",
                "ALTER TABLE ks.spaces ADD IF NOT EXISTS dropped_at timestamp;",
                "ALTER TABLE ks.space_purges ADD IF NOT EXISTS space_created_at timestamp;",
                "ALTER TABLE IF EXISTS ks.ops_by_stored WITH compaction = {'class': 'UnifiedCompactionStrategy'};");
        assertThat(statements.get(0)).startsWith("CREATE KEYSPACE IF NOT EXISTS ks").contains("'SimpleStrategy', 'replication_factor': 1");
        for (String table : Schema.TABLES) {
            assertThat(statements).anyMatch(cql -> cql.startsWith("CREATE TABLE IF NOT EXISTS ks." + table + " "));
        }
        assertThat(String.join("\n", statements)).doesNotContain("ALLOW FILTERING").doesNotContain("CREATE INDEX");
    }

    @Test
    void networkTopologyReplicationNamesEachDataCentre() {
        CassandraStoreConfig config = new CassandraStoreConfig().setReplicationStrategy("NetworkTopologyStrategy")
                .setDataCenters(Map.of("dc1", 3));
        assertThat(Schema.statements(config).get(0)).contains("{'class': 'NetworkTopologyStrategy', 'dc1': 3}");
        assertThatThrownBy(() -> new CassandraStoreConfig().setReplicationStrategy("NetworkTopologyStrategy").validate())
                .hasMessageContaining("dataCenters");
        assertThatThrownBy(() -> new CassandraStoreConfig().setFanOut(0).validate()).hasMessageContaining("fanOut");
        assertThatThrownBy(() -> new CassandraStoreConfig().setKeyspace("drop table x").validate()).hasMessageContaining("keyspace");
    }

    @Test
    void applyingTwiceIsHarmlessAndVerificationFindsNothingMissing(CqlSession session) {
        CassandraStoreConfig config = new CassandraStoreConfig().setKeyspace("k2store_schema_test");
        assertThat(Schema.missingTables(session, config)).containsExactly("keyspace k2store_schema_test");
        Schema.apply(session, config);
        Schema.apply(session, config);
        session.refreshSchema();
        assertThat(Schema.missingTables(session, config)).isEmpty();
    }
}
