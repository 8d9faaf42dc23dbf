package org.k2store.api;


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

    /**
     * The wall clock, at the microsecond resolution kitsune2 uses. Always the same instance, so a
     * store can tell whether it stamps with its process's clock (only those take part in closed
     * timestamps).
     */
    static MicrosClock system() {
        return SystemClock.INSTANCE;
    }
}
