package org.k2store.cassandra;

import java.util.ArrayList;
import java.util.List;

/** Keeps what each index query cost, so tests can assert partitions touched. */
final class RecordingObserver implements QueryObserver {

    record Query(String method, int partitions, int pages) {
    }

    private final List<Query> queries = new ArrayList<>();

    @Override
    public synchronized void onQuery(String method, int partitions, int pages) {
        queries.add(new Query(method, partitions, pages));
    }

    synchronized Query last() {
        return queries.get(queries.size() - 1);
    }

    synchronized void clear() {
        queries.clear();
    }
}
