package org.k2store.cassandra;

/**
 * Told what each index query cost: how many partitions it read and how many pages they took. The
 * service feeds this to its metrics; tests use it to prove that a query touches the partitions its
 * answer needs and no more.
 */
@FunctionalInterface
public interface QueryObserver {

    QueryObserver NONE = (method, partitions, pages) -> {
    };

    void onQuery(String method, int partitions, int pages);

    /**
     * Of a time-slice query's partitions, how many were answered from their seals and how many it
     * sealed (SealedSlices). Reported after {@link #onQuery} when either is non-zero. A steady
     * stream of seals for the same slices would mean something keeps clearing them.
     */
    default void onSeals(String method, int readSealed, int sealed) {
    }

    /**
     * How many ops of one process_incoming_ops call found that another writer had stored them at the
     * same moment, and were reconciled to the first writer's values (OpWriter). Rare by nature: a
     * steady rate means several nodes keep receiving the same ops at once.
     */
    default void onWriteRaces(int reconciled) {
    }

    /**
     * How long after its stored_at stamp an op became visible in the indexes, in microseconds: for
     * new ops, the time from the batch's stamping to its index rows' acknowledgement; for an op
     * healed after an interrupted store, the time since its original stamp. A bounded page's
     * bookmark trails by the settle window, so a lag above it means a pager may have passed the op.
     */
    default void onVisibilityLag(long micros) {
    }

    /**
     * Warnings Cassandra sent back with a write (a batch past its size or partition thresholds,
     * for instance). The write path keeps its batches under the defaults, so any warning means the
     * cluster's thresholds are lower than the store's {@code writeBatch*} settings.
     */
    default void onServerWarnings(java.util.List<String> warnings) {
    }
}
