package org.k2store.server.limits;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The service-wide budget of bytes that requests hold at once ({@code limits.maxBytesInFlight}):
 * request bodies ({@link BytesInFlightFilter}) and the steps of streamed retrieve_ops answers. The
 * in-flight caps bound how many requests run, not what each holds. Takes are fair (in arrival
 * order, so a large charge is not starved by small ones) and counted in KiB, so the budget fits a
 * semaphore; a charge larger than the whole budget takes the whole budget.
 */
public final class BytesInFlight {

    private final Semaphore kib;
    private final int budgetKib;
    private final Duration wait;

    public BytesInFlight(long budgetBytes, Duration wait) {
        this.budgetKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (budgetBytes + 1023) / 1024));
        this.kib = new Semaphore(budgetKib, true);
        this.wait = wait;
    }

    /** The charge for {@code bytes}, in KiB: 0 for none, never more than the whole budget. */
    public int kibOf(long bytes) {
        return (int) Math.min(budgetKib, (Math.max(0, bytes) + 1023) / 1024);
    }

    /** Takes {@code charge} KiB if they are free now. */
    public boolean tryTake(int charge) {
        return kib.tryAcquire(charge);
    }

    /** Takes {@code charge} KiB, waiting for them up to the configured wait; false when they did not come. */
    public boolean take(int charge) {
        try {
            return kib.tryAcquire(charge, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What a caller is told when {@code charge} KiB found no room within the wait. */
    public String noRoomFor(int charge) {
        return "overloaded: requests in progress hold the service's " + (budgetKib / 1024) + " MiB of request bytes and "
                + charge + " KiB more did not fit within " + wait.toMillis() + " ms";
    }

    public void give(int charge) {
        if (charge > 0) {
            kib.release(charge);
        }
    }
}
