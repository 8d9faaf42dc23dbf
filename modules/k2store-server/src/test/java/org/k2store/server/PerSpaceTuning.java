package org.k2store.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.k2store.api.MicrosClock;
import org.k2store.api.SettleWindow;

/**
 * The test side of {@link StoreTuning}: the conformance suite gives every store it opens its own
 * manual clock and settle window, so the test assigns them to the space before creating it.
 */
final class PerSpaceTuning implements StoreTuning {

    private final Map<String, MicrosClock> clocks = new ConcurrentHashMap<>();
    private final Map<String, SettleWindow> windows = new ConcurrentHashMap<>();

    void assign(String space, MicrosClock clock, SettleWindow window) {
        clocks.put(space, clock);
        windows.put(space, window);
    }

    @Override
    public MicrosClock clockFor(String space) {
        return clocks.getOrDefault(space, MicrosClock.system());
    }

    @Override
    public SettleWindow settleWindowFor(String space, SettleWindow configured) {
        return windows.getOrDefault(space, configured);
    }
}
