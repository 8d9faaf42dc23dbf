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
}
