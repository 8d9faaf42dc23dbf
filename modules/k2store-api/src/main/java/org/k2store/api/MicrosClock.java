package org.k2store.api;

import java.time.Instant;

/**
 * The source of {@code stored_at} and of "now". Injectable so that tests control time instead of
 * sleeping, and so that a test can give two service nodes skewed clocks.
 */
@FunctionalInterface
public interface MicrosClock {

    long nowMicros();

    default Timestamp now() {
        return new Timestamp(nowMicros());
    }

    /** The wall clock, at the microsecond resolution kitsune2 uses. */
    static MicrosClock system() {
        return () -> {
            Instant now = Instant.now();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        };
    }
}
