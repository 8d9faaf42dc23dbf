package org.k2store.client;

import java.time.Duration;

/** The calls a client has in flight, so closing it can refuse new ones and let these end first. */
final class CallsInFlight {

    private int inFlight;
    private boolean closed;

    /** False once closed: the call must not start. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        inFlight++;
        return true;
    }

    synchronized void leave() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    /** True when every call ended within {@code limit}. */
    synchronized boolean closeAndDrain(Duration limit) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
