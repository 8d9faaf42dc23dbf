package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies and verifies {@code cql/schema.cql}, the one definition of the data model. Schema changes
 * are rare and done at start-up or by the {@code schema} command, so this is the one place that
 * waits for Cassandra synchronously.
 */
public final class Schema {

    static final String RESOURCE = "/org/k2store/cassandra/cql/schema.cql";
    static final List<String> TABLES =
            List.of("spaces", "ops_by_id", "ops_by_created", "ops_by_stored", "bucket_index", "slice_hashes", "op_count_checkpoints", "sector_stats");

    private Schema() {
    }

    /** The statements of the schema file for this configuration. */
    public static List<String> statements(CassandraStoreConfig config) {
        String text;
        try (InputStream in = Schema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text = text.replace("${KEYSPACE}", config.getKeyspace()).replace("${REPLICATION}", config.replicationCql());
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

    /** Creates whatever is missing; safe to run on a live cluster again and again. */
    public static void apply(CqlSession session, CassandraStoreConfig config) {
        for (String cql : statements(config)) {
            session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofMinutes(1)));
        }
        session.checkSchemaAgreement();
    }

    /** The tables the schema defines that are missing from the keyspace; empty when all are in place. */
    public static List<String> missingTables(CqlSession session, CassandraStoreConfig config) {
        Optional<KeyspaceMetadata> keyspace = session.getMetadata().getKeyspace(config.getKeyspace());
        if (keyspace.isEmpty()) {
            return List.of("keyspace " + config.getKeyspace());
        }
        return TABLES.stream().filter(table -> keyspace.get().getTable(table).isEmpty()).toList();
    }
}
