package org.k2store.testkit;

import org.k2store.api.MicrosClock;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;

/**
 * Opens a fresh, empty store of one space. Every call must give an independent store (a Cassandra
 * implementation gives a new space id), so sequences can be replayed while shrinking.
 */
@FunctionalInterface
public interface StoreFactory {

    OpStore open(SpaceSettings settings, MicrosClock clock, SettleWindow settleWindow);
}
