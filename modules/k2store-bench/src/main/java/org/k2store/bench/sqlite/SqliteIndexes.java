package org.k2store.bench.sqlite;

import java.util.List;

/**
 * Which secondary indexes the SQLite peer has. Holochain 0.6 indexed the op table by timestamp and
 * by location, one column each (the variant the benchmark's targets compare against); its 0.7 layout
 * keeps the one op table with no composite index, so every arc-and-time query scans.
 */
public enum SqliteIndexes {

    HOLOCHAIN_0_6("holochain-0.6", List.of(
            "CREATE INDEX IF NOT EXISTS ops_created_at_idx ON ops (created_at)",
            "CREATE INDEX IF NOT EXISTS ops_location_idx ON ops (location)")),
    NONE("none", List.of());

    private final String wireName;
    private final List<String> ddl;

    SqliteIndexes(String wireName, List<String> ddl) {
        this.wireName = wireName;
        this.ddl = ddl;
    }

    List<String> ddl() {
        return ddl;
    }

    public String wireName() {
        return wireName;
    }

    public static SqliteIndexes fromWireName(String name) {
        for (SqliteIndexes indexes : values()) {
            if (indexes.wireName.equals(name)) {
                return indexes;
            }
        }
        throw new IllegalArgumentException("sqlite indexes: '" + name + "' is not one of holochain-0.6, none");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
