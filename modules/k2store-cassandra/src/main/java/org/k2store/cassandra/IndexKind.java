package org.k2store.cassandra;

/** The two time-ordered indexes: by creation time (time slices) and by storage time (bounded pages). */
enum IndexKind {
    CREATED(0, "ops_by_created", "created_at"),
    STORED(1, "ops_by_stored", "stored_at");

    final byte code;
    final String table;
    final String timeColumn;

    IndexKind(int code, String table, String timeColumn) {
        this.code = (byte) code;
        this.table = table;
        this.timeColumn = timeColumn;
    }
}
