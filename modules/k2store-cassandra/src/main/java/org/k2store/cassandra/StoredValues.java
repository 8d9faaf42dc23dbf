package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.k2store.api.OpId;

/**
 * An op's values as ops_by_id holds them (or as a writer is about to write them), with the
 * stored_at stamps every writer claimed, each with the created_at that writer stored (or
 * {@link #UNKNOWN_CREATED_AT} for a claim written before migration 004): one claim is the normal
 * case, more mean writers raced. {@code storedAtWritten} is the write timestamp of the stored
 * stored_at cell (Long.MIN_VALUE for values not read from a row): a re-stamp must write above it.
 */
record StoredValues(OpId id, int location, long createdAt, long storedAt, int size, boolean indexed, Map<Long, Long> claims,
        long storedAtWritten) {

    static final long UNKNOWN_CREATED_AT = Long.MIN_VALUE;

    // Every write reads two rows per op back: resolved identifiers and types, not a name lookup and
    // a reflective generic type per cell (a fifth of the service's own work at 100-op batches).
    private static final CqlIdentifier STORED_AT = CqlIdentifier.fromInternal("stored_at");
    private static final CqlIdentifier CREATED_AT = CqlIdentifier.fromInternal("created_at");
    private static final CqlIdentifier LOCATION = CqlIdentifier.fromInternal("location");
    private static final CqlIdentifier SIZE = CqlIdentifier.fromInternal("size");
    private static final CqlIdentifier INDEXED = CqlIdentifier.fromInternal("indexed");
    private static final CqlIdentifier CLAIMS = CqlIdentifier.fromInternal("claims");
    private static final CqlIdentifier CLAIM_CREATED = CqlIdentifier.fromInternal("claim_created");
    private static final CqlIdentifier STORED_AT_WRITTEN = CqlIdentifier.fromInternal("stored_at_written");
    private static final GenericType<Set<Long>> SET_OF_LONG = GenericType.setOf(Long.class);
    private static final GenericType<Map<Long, Long>> MAP_OF_LONG = GenericType.mapOf(Long.class, Long.class);

    /** A writer's own values, about to be written: its claim is its stamp. */
    static StoredValues mine(OpId id, int location, long createdAt, long storedAt, int size) {
        return new StoredValues(id, location, createdAt, storedAt, size, false, Map.of(storedAt, createdAt), Long.MIN_VALUE);
    }

    /** Null for a row that has no op values yet (nothing stored). */
    static StoredValues of(OpId id, Row row) {
        if (row == null || row.isNull(STORED_AT)) {
            return null;
        }
        Map<Long, Long> claims = new HashMap<>();
        Set<Long> stamps = row.get(CLAIMS, SET_OF_LONG);
        if (stamps != null) {
            stamps.forEach(stamp -> claims.put(stamp, UNKNOWN_CREATED_AT));
        }
        Map<Long, Long> created = row.get(CLAIM_CREATED, MAP_OF_LONG);
        if (created != null) {
            claims.putAll(created);
        }
        return new StoredValues(id, row.getInt(LOCATION), row.getLong(CREATED_AT), row.getLong(STORED_AT), row.getInt(SIZE),
                !row.isNull(INDEXED) && row.getBoolean(INDEXED), Map.copyOf(claims), row.getLong(STORED_AT_WRITTEN));
    }

    /**
     * These values moved to a new stamp, which becomes one of the claims: for an op whose indexing
     * was interrupted so long ago that pagers and the count may have passed its first stamp.
     */
    StoredValues restamped(long newStoredAt) {
        Map<Long, Long> moved = new HashMap<>(claims);
        moved.put(newStoredAt, createdAt);
        moved.putIfAbsent(storedAt, createdAt);
        return new StoredValues(id, location, createdAt, newStoredAt, size, false, Map.copyOf(moved), storedAtWritten);
    }

    long time(IndexKind kind) {
        return kind == IndexKind.CREATED ? createdAt : storedAt;
    }

    /** True when the stored row holds exactly these values (the same writer's). */
    boolean sameOpAs(StoredValues other) {
        return storedAt == other.storedAt && createdAt == other.createdAt && size == other.size;
    }
}
