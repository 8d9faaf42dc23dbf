package org.k2store.testkit;

import org.k2store.memory.MemoryOpStore;

/** The oracle itself must meet the contract it is the oracle for. */
class MemoryOpStoreConformanceTest extends OpStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return MemoryOpStore::new;
    }
}
