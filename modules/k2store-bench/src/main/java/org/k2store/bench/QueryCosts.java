package org.k2store.bench;

/**
 * What a store's queries cost in partitions and pages, for targets that can tell (k2store on
 * Cassandra reports every index query). The driver resets it, runs one call, and reads it back.
 */
public interface QueryCosts {

    void reset();

    /** Partitions read since the last reset, summed over the queries. */
    long partitions();

    /** Pages read since the last reset. */
    long pages();

    /** Index queries reported since the last reset. */
    long queries();
}
