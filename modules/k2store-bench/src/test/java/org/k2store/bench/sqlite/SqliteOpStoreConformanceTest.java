package org.k2store.bench.sqlite;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.k2store.testkit.OpStoreConformanceSuite;
import org.k2store.testkit.StoreFactory;

/**
 * The SQLite peer must meet the whole contract, with either index set, or the benchmark would
 * compare k2store with a store that does less. Every opened store is a fresh in-memory database
 * with the file store's schema and SQL (the differential run opens hundreds; files cost fsyncs).
 * {@link SqliteOpStoreFileTest} covers the file itself.
 */
class SqliteOpStoreConformanceTest {

    /** Holochain 0.6's single-column indexes on created_at and on location. */
    @Nested
    class Holochain06Indexes extends Suite {
        Holochain06Indexes() {
            super(SqliteIndexes.HOLOCHAIN_0_6);
        }
    }

    /** Holochain 0.7's layout: the op table alone. */
    @Nested
    class NoIndexes extends Suite {
        NoIndexes() {
            super(SqliteIndexes.NONE);
        }
    }

    abstract static class Suite extends OpStoreConformanceSuite {

        private final SqliteIndexes indexes;
        private final List<SqliteOpStore> opened = new ArrayList<>();
        Suite(SqliteIndexes indexes) {
            this.indexes = indexes;
        }

        @Override
        protected StoreFactory factory() {
            return (settings, clock, window) -> {
                SqliteOpStore store = SqliteOpStore.openInMemory(indexes, settings, clock, window);
                synchronized (opened) {
                    opened.add(store);
                }
                return store;
            };
        }

        @AfterEach
        void closeStores() {
            synchronized (opened) {
                opened.forEach(SqliteOpStore::close);
                opened.clear();
            }
        }
    }
}
