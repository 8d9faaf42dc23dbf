package org.k2store.cassandra;

/**
 * The two location granularities every index is written at. Fine buckets keep narrow queries (a
 * sector) to one partition; coarse buckets keep wide queries (FULL, long runs of sectors) to a few,
 * so the number of partitions a query touches follows its answer rather than its arc's width.
 */
enum Grain {
    FINE(0),
    COARSE(1);

    final byte code;

    Grain(int code) {
        this.code = (byte) code;
    }
}
