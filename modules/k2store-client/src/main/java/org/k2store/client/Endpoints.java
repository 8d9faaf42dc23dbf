package org.k2store.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The service instances a client sends to. Calls are spread over them in turn, so several instances
 * share a client's load instead of the first taking all of it. An instance that does not answer or
 * answers 502-504 is left out for {@link #COOL_DOWN_NANOS}: the call's retry and later calls go to
 * the others, so a killed or restarting instance costs one failed attempt, not one per call, and
 * gets calls again once it may be back. Safe because every v1 call is idempotent (see HttpTransport).
 */
final class Endpoints {

    /** How long a failed instance is left out before calls try it again. */
    static final long COOL_DOWN_NANOS = 5_000_000_000L;

    private final List<String> bases;
    private final AtomicInteger turn = new AtomicInteger();
    /** Per instance: System.nanoTime() until which it is left out; 0 when it is in. */
    private final AtomicLongArray outUntil;

    Endpoints(List<URI> baseUris) {
        if (baseUris.isEmpty()) {
            throw new IllegalArgumentException("at least one service base URI is needed");
        }
        this.bases = baseUris.stream().map(URI::toString).map(text -> text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
                .toList();
        this.outUntil = new AtomicLongArray(bases.size());
    }

    /** The instance a call's first attempt (or a retry after its instance failed) goes to: the next one in turn that is in. */
    int pick() {
        int first = Math.floorMod(turn.getAndIncrement(), bases.size());
        long now = System.nanoTime();
        for (int i = 0; i < bases.size(); i++) {
            int index = (first + i) % bases.size();
            long until = outUntil.get(index);
            if (until == 0 || now - until >= 0) {
                return index;
            }
        }
        return first; // all left out: try them in turn anyway
    }

    String base(int index) {
        return bases.get(index);
    }

    /** The instance at {@code index} failed: calls leave it out for the cool-down. */
    void failed(int index) {
        outUntil.set(index, (System.nanoTime() + COOL_DOWN_NANOS) | 1);
    }

    int size() {
        return bases.size();
    }
}
