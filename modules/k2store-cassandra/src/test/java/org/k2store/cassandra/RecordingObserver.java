package org.k2store.cassandra;

import java.util.ArrayList;
import java.util.List;

/** Keeps what each index query cost, so tests can assert partitions touched. */
final class RecordingObserver implements QueryObserver {

    record Query(String method, int partitions, int pages) {
    }

    record Seals(String method, int readSealed, int sealed) {
    }

    private final List<Query> queries = new ArrayList<>();
    private final List<Seals> seals = new ArrayList<>();

    @Override
    public synchronized void onQuery(String method, int partitions, int pages) {
        queries.add(new Query(method, partitions, pages));
    }

    @Override
    public synchronized void onSeals(String method, int readSealed, int sealed) {
        seals.add(new Seals(method, readSealed, sealed));
    }

    /** The last seal report, or none when no query since {@link #clear()} touched a seal. */
    synchronized Seals lastSeals() {
        return seals.isEmpty() ? new Seals("", 0, 0) : seals.get(seals.size() - 1);
    }

    /** Every seal report since {@link #clear()}, in order. */
    synchronized List<Seals> allSeals() {
        return List.copyOf(seals);
    }

    synchronized Query last() {
        return queries.get(queries.size() - 1);
    }

    synchronized void clear() {
        queries.clear();
        seals.clear();
    }
}
