package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies and verifies {@code cql/schema.cql}, the one definition of the data model: a preamble run
 * every time (the keyspace and {@code schema_migrations}), then numbered migrations, each applied once
 * in order and recorded only after all its statements succeeded. Every statement is idempotent, so a
 * keyspace created before migrations were recorded is upgraded in place, and two nodes applying at
 * once both run harmless repeats and record the same rows. Schema changes are rare and done at
 * start-up or by the {@code schema} command, so this is the one place that waits for Cassandra
 * synchronously.
 */
public final class Schema {

    static final String RESOURCE = "/org/k2store/cassandra/cql/schema.cql";
    /** The partition of {@code schema_migrations} that holds this schema's rows. */
    static final String COMPONENT = "k2store";
    static final String MIGRATIONS_TABLE = "schema_migrations";
    static final List<String> TABLES = List.of("spaces", "ops_by_id", "ops_by_created", "ops_by_stored", "bucket_index", "slice_hashes",
            "op_count_checkpoints", "sector_stats", "space_purges", "recent_sector_stats", "closed_timestamps",
            "sealed_chunks", "tenant_spaces", "space_creators", MIGRATIONS_TABLE);

    private static final Pattern MIGRATION_HEADER = Pattern.compile("^--\\s*migration\\s+(\\d{3})\\s*:\\s*(.+)$");
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** One numbered migration of the schema file. */
    public record Migration(int version, String description, List<String> statements) {
    }

    /** The schema file for one configuration: what runs every time, then the migrations in order. */
    record Definition(List<String> preamble, List<Migration> migrations) {
    }

    /** What a keyspace holds compared with what this code defines. */
    public record Status(String keyspace, List<String> missingTables, OptionalInt appliedVersion, int knownVersion) {

        /** Complete, at exactly the version this code knows. */
        public boolean isCurrent() {
            return missingTables.isEmpty() && appliedVersion.isPresent() && appliedVersion.getAsInt() == knownVersion;
        }

        /** Recorded at a version this code does not know: it must not run against the keyspace. */
        public boolean isNewerThanKnown() {
            return appliedVersion.isPresent() && appliedVersion.getAsInt() > knownVersion;
        }

        /** One line for operators: the health check and the {@code schema} command print it. */
        public String message() {
            if (isNewerThanKnown()) {
                return newerMessage(keyspace, appliedVersion.getAsInt(), knownVersion);
            }
            String version = "schema version " + (appliedVersion.isPresent() ? appliedVersion.getAsInt() : "none recorded");
            if (!missingTables.isEmpty()) {
                return "keyspace " + keyspace + " (" + version + ") is incomplete, missing: " + String.join(", ", missingTables);
            }
            if (!isCurrent()) {
                return "keyspace " + keyspace + " is at " + version + ", this k2store needs version " + knownVersion
                        + ": apply the schema (the schema apply command, or the schema-apply task)";
            }
            return "keyspace " + keyspace + " complete, schema version " + knownVersion;
        }
    }

    /** Thrown when the keyspace records a schema version newer than this code knows. */
    public static final class NewerSchemaException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NewerSchemaException(String message) {
            super(message);
        }
    }

    private Schema() {
    }

    /** Every statement of the schema file for this configuration, preamble first, in file order. */
    public static List<String> statements(CassandraStoreConfig config) {
        Definition definition = definition(config);
        List<String> all = new ArrayList<>(definition.preamble());
        definition.migrations().forEach(migration -> all.addAll(migration.statements()));
        return all;
    }

    /** The numbered migrations of the schema file for this configuration, in order. */
    public static List<Migration> migrations(CassandraStoreConfig config) {
        return definition(config).migrations();
    }

    /** The highest migration this code knows. */
    public static int knownVersion() {
        List<Migration> migrations = migrations(new CassandraStoreConfig());
        return migrations.get(migrations.size() - 1).version();
    }

    /**
     * Creates whatever is missing and applies the migrations the keyspace does not record, in order;
     * safe to run on a live cluster again and again. Throws {@link NewerSchemaException}, changing
     * nothing but the idempotent preamble, when the keyspace records a version newer than this code knows.
     */
    public static void apply(CqlSession session, CassandraStoreConfig config) {
        Definition definition = definition(config);
        for (String cql : definition.preamble()) {
            execute(session, cql);
        }
        session.checkSchemaAgreement();
        TreeSet<Integer> recorded = recordedVersions(session, config);
        int known = definition.migrations().get(definition.migrations().size() - 1).version();
        if (!recorded.isEmpty() && recorded.last() > known) {
            throw new NewerSchemaException(newerMessage(config.getKeyspace(), recorded.last(), known));
        }
        ConsistencyLevel write = DefaultConsistencyLevel.valueOf(config.getWriteConsistency());
        for (Migration migration : definition.migrations()) {
            if (recorded.contains(migration.version())) {
                continue;
            }
            for (String cql : migration.statements()) {
                execute(session, cql);
            }
            session.checkSchemaAgreement();
            // Recorded only now that every statement succeeded. A node racing this one writes the same row.
            session.execute(SimpleStatement.newInstance("INSERT INTO " + config.getKeyspace() + "." + MIGRATIONS_TABLE
                            + " (component, version, description, applied_at) VALUES (?, ?, ?, ?)",
                    COMPONENT, migration.version(), migration.description(), Instant.now())
                    .setConsistencyLevel(write).setIdempotent(true).setTimeout(TIMEOUT));
        }
    }

    /**
     * Refuses a keyspace recorded at a schema version newer than this code knows (for nodes that do
     * not apply the schema themselves); anything else passes, see {@link #status} for the details.
     */
    public static void requireNotNewer(CqlSession session, CassandraStoreConfig config) {
        Status status = status(session, config);
        if (status.isNewerThanKnown()) {
            throw new NewerSchemaException(status.message());
        }
    }

    /** The highest migration the keyspace records; empty when it records none (or has no migrations table). */
    public static OptionalInt appliedVersion(CqlSession session, CassandraStoreConfig config) {
        TreeSet<Integer> recorded = recordedVersions(session, config);
        return recorded.isEmpty() ? OptionalInt.empty() : OptionalInt.of(recorded.last());
    }

    /** Missing tables (from the driver's metadata) and the applied version (one read of one small partition). */
    public static Status status(CqlSession session, CassandraStoreConfig config) {
        List<String> missing = missingTables(session, config);
        OptionalInt applied = missing.contains(MIGRATIONS_TABLE) || missing.contains("keyspace " + config.getKeyspace())
                ? OptionalInt.empty() : appliedVersion(session, config);
        return new Status(config.getKeyspace(), missing, applied, knownVersion());
    }

    /** The tables the schema defines that are missing from the keyspace; empty when all are in place. */
    public static List<String> missingTables(CqlSession session, CassandraStoreConfig config) {
        Optional<KeyspaceMetadata> keyspace = session.getMetadata().getKeyspace(config.getKeyspace());
        if (keyspace.isEmpty()) {
            return List.of("keyspace " + config.getKeyspace());
        }
        return TABLES.stream().filter(table -> keyspace.get().getTable(table).isEmpty()).toList();
    }

    static String newerMessage(String keyspace, int applied, int known) {
        return "keyspace " + keyspace + " is at schema version " + applied + ", newer than this k2store knows (" + known
                + "): it was upgraded by a newer release; run that release (or newer) against it, not this one";
    }

    private static TreeSet<Integer> recordedVersions(CqlSession session, CassandraStoreConfig config) {
        TreeSet<Integer> versions = new TreeSet<>();
        Optional<KeyspaceMetadata> keyspace = session.getMetadata().getKeyspace(config.getKeyspace());
        if (keyspace.isEmpty() || keyspace.get().getTable(MIGRATIONS_TABLE).isEmpty()) {
            // The driver's metadata may lag a table just created; ask Cassandra when in doubt.
            session.refreshSchema();
            keyspace = session.getMetadata().getKeyspace(config.getKeyspace());
            if (keyspace.isEmpty() || keyspace.get().getTable(MIGRATIONS_TABLE).isEmpty()) {
                return versions;
            }
        }
        ConsistencyLevel read = DefaultConsistencyLevel.valueOf(config.getReadConsistency());
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT version FROM " + config.getKeyspace() + "." + MIGRATIONS_TABLE
                + " WHERE component = ?", COMPONENT).setConsistencyLevel(read).setIdempotent(true).setTimeout(TIMEOUT))) {
            versions.add(row.getInt("version"));
        }
        return versions;
    }

    private static void execute(CqlSession session, String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(TIMEOUT));
    }

    static Definition definition(CassandraStoreConfig config) {
        return parse(read(RESOURCE), config);
    }

    static String read(String resource) {
        try (InputStream in = Schema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits schema text into statements ending with ';' at the end of a line, grouped by migration headers. */
    static Definition parse(String text, CassandraStoreConfig config) {
        text = text.replace("${KEYSPACE}", config.getKeyspace()).replace("${REPLICATION}", config.replicationCql());
        List<String> preamble = new ArrayList<>();
        List<Migration> migrations = new ArrayList<>();
        List<String> current = preamble;
        StringBuilder statement = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            Matcher header = MIGRATION_HEADER.matcher(trimmed);
            if (header.matches()) {
                if (!statement.isEmpty()) {
                    throw new IllegalStateException("schema: statement not ended with ';' before " + trimmed);
                }
                int version = Integer.parseInt(header.group(1));
                int expected = migrations.isEmpty() ? 1 : migrations.get(migrations.size() - 1).version() + 1;
                if (version != expected) {
                    throw new IllegalStateException("schema: migration " + header.group(1) + " out of order, expected " + expected);
                }
                current = new ArrayList<>();
                migrations.add(new Migration(version, header.group(2).strip(), current));
                continue;
            }
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            statement.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                current.add(statement.toString().strip());
                statement.setLength(0);
            }
        }
        if (!statement.isEmpty()) {
            throw new IllegalStateException("schema: last statement not ended with ';'");
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException("schema: no '-- migration 001: ...' section");
        }
        for (Migration migration : migrations) {
            if (migration.statements().isEmpty()) {
                throw new IllegalStateException("schema: migration " + migration.version() + " has no statements");
            }
        }
        return new Definition(List.copyOf(preamble),
                migrations.stream().map(m -> new Migration(m.version(), m.description(), List.copyOf(m.statements()))).toList());
    }
}
