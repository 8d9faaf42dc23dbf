package org.k2store.api;

import java.time.Instant;

/** The wall clock behind {@link MicrosClock#system()}, one instance per process. */
enum SystemClock implements MicrosClock {
    INSTANCE;

    @Override
    public long nowMicros() {
        Instant now = Instant.now();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
    }
}
