package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Set;
import org.k2store.api.OpId;

/**
 * An op's values as ops_by_id holds them (or as a writer is about to write them), with the
 * stored_at stamps every writer claimed: one claim is the normal case, more mean writers raced.
 */
record StoredValues(OpId id, int location, long createdAt, long storedAt, int size, boolean indexed, Set<Long> claims) {

    /** Null for a row that has no op values yet (nothing stored). */
    static StoredValues of(OpId id, Row row) {
        if (row == null || row.isNull("stored_at")) {
            return null;
        }
        Set<Long> claims = row.getSet("claims", Long.class);
        return new StoredValues(id, row.getInt("location"), row.getLong("created_at"), row.getLong("stored_at"),
                row.getInt("size"), !row.isNull("indexed") && row.getBoolean("indexed"), claims == null ? Set.of() : Set.copyOf(claims));
    }

    long time(IndexKind kind) {
        return kind == IndexKind.CREATED ? createdAt : storedAt;
    }

    /** True when the stored row holds exactly these values (the same writer's). */
    boolean sameOpAs(StoredValues other) {
        return storedAt == other.storedAt && createdAt == other.createdAt && size == other.size;
    }
}
