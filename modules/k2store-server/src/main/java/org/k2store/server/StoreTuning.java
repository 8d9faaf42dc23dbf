package org.k2store.server;

import org.k2store.api.MicrosClock;
import org.k2store.api.SettleWindow;
import org.k2store.server.backend.MeteredStore;

/**
 * Where a space's store gets its clock and settle window. Production uses the system clock and the
 * configured window for every space; the conformance suite run through the HTTP client hands each
 * space it creates its own manual clock and window, which is why this is per space.
 */
public interface StoreTuning {

    StoreTuning PRODUCTION = new StoreTuning() {
        @Override
        public MicrosClock clockFor(String space) {
            return MicrosClock.system();
        }

        @Override
        public SettleWindow settleWindowFor(String space, SettleWindow configured) {
            return configured;
        }
    };

    MicrosClock clockFor(String space);

    /**
     * The node's own clock. Spaces whose {@link #clockFor} is this very instance take part in closed
     * timestamps (bookmarks close to now); any other clock pages with the settle window alone.
     */
    default MicrosClock nodeClock() {
        return MicrosClock.system();
    }

    SettleWindow settleWindowFor(String space, SettleWindow configured);

    /**
     * The store the API serves for {@code space}: {@code store} itself, except in tests that make a
     * store call fail part-way through a streamed answer (a paused Cassandra cannot be timed that well).
     */
    default MeteredStore served(String space, MeteredStore store) {
        return store;
    }
}
