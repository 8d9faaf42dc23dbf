package org.k2store.bench;

import org.k2store.api.MicrosClock;

/**
 * The clock the stores under test run on. While a data set loads it stands at the simulated arrival
 * time of the batch being stored, so {@code stored_at} spreads over the simulated year as on a node
 * that received the ops as they were made (not all in the last minutes, which would make gossip's
 * "since now - 30 min" page the whole data set). Measurements run on the system clock.
 */
public final class BenchClock implements MicrosClock {

    private static final MicrosClock SYSTEM = MicrosClock.system();
    private static final long LIVE = Long.MIN_VALUE;

    private volatile long simulated = LIVE;

    @Override
    public long nowMicros() {
        long at = simulated;
        return at == LIVE ? SYSTEM.nowMicros() : at;
    }

    /** Stands the clock at {@code micros} until the next call. */
    public void simulate(long micros) {
        simulated = micros;
    }

    /** Back to the system clock. */
    public void live() {
        simulated = LIVE;
    }
}
