package org.k2store.testkit;

import org.k2store.memory.MemoryOpStore;

/** The oracle stores IncomingOp ids and metadata as the other stores must. */
class MemoryIncomingOpTest extends IncomingOpSuite {

    @Override
    protected StoreFactory factory() {
        return MemoryOpStore::new;
    }
}
