package org.k2store.bench;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;

/**
 * One store under test, as the workload driver sees it: it opens a store per data set and answers
 * OpStore calls. k2store on Cassandra, the raw driver baseline, the SQLite peer and the memory store
 * are implementations; the HTTP service's client is meant to be one more (a loading target whose
 * {@link #create} makes a space through the service).
 *
 * <p>A target either loads its own copy of every data set, or reads the copy another target loaded
 * ({@link #readsDataOf()}): the fan-out-1 store and the raw driver read k2store's Cassandra data.
 */
public interface BenchTarget extends AutoCloseable {

    /** The short name used in results, e.g. {@code cassandra}. */
    String name();

    /** One line saying what it is and how it is set up, for the results file. */
    String description();

    /** The workloads it runs; a baseline may leave some out. */
    Set<Workload> workloads();

    /**
     * True for an ingest limit (plain-one-table, plain-same-rows):
     * it runs the ingest workload alone and takes only process_incoming_ops, so loading and every
     * read workload skip it.
     */
    default boolean ingestOnly() {
        return workloads().equals(EnumSet.of(Workload.INGEST));
    }

    /** The most stored ops this target can hold; larger tiers leave it out. */
    default long maxStoredOps() {
        return Long.MAX_VALUE;
    }

    /** The loading target whose data this one reads, or empty when it loads its own. */
    default Optional<String> readsDataOf() {
        return Optional.empty();
    }

    /**
     * True when this target reads another's data through k2store, and so finds the seals that
     * target's queries wrote (SealedSlices): its reads of a slice are never a first read.
     */
    default boolean readsSealsOfOthers() {
        return readsDataOf().isPresent();
    }

    /** A fresh, empty store of a new space called {@code space}. */
    OpStore create(String space, SpaceSettings settings, MicrosClock clock);

    /** The store of the space {@code space} that the target named by {@link #readsDataOf()} created and loaded. */
    default OpStore attach(String space, SpaceSettings settings, MicrosClock clock) {
        throw new UnsupportedOperationException(name() + " loads its own data");
    }

    /** Frees what a store holds (files, memory) once the driver is done with its data set. */
    default void release(OpStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the " + name() + " store", e);
            }
        }
    }

    /** Partition and page counts of its queries, when the target can tell. */
    default Optional<QueryCosts> costs() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
