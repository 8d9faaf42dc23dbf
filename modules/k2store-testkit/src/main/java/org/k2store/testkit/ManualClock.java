package org.k2store.testkit;

import java.util.concurrent.atomic.AtomicLong;
import org.k2store.api.MicrosClock;

/** A clock tests set and advance, so that {@code stored_at} values are known and no test sleeps. */
public final class ManualClock implements MicrosClock {

    private final AtomicLong micros;

    public ManualClock(long startMicros) {
        this.micros = new AtomicLong(startMicros);
    }

    @Override
    public long nowMicros() {
        return micros.get();
    }

    public void set(long value) {
        micros.set(value);
    }

    public long advance(long delta) {
        return micros.addAndGet(delta);
    }
}
