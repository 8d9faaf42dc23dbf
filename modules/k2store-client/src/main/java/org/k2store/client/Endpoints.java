package org.k2store.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service instances a client may send to, in order of preference. Every call goes to the
 * current one; when an instance does not answer or answers 502-504, the client moves on to the
 * next for the retry and for later calls, so a killed or restarting instance costs one failed
 * attempt, not one per call. Safe because every v1 call is idempotent (see HttpTransport).
 */
final class Endpoints {

    private final List<String> bases;
    private final AtomicInteger current = new AtomicInteger();

    Endpoints(List<URI> baseUris) {
        if (baseUris.isEmpty()) {
            throw new IllegalArgumentException("at least one service base URI is needed");
        }
        this.bases = baseUris.stream().map(URI::toString).map(text -> text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
                .toList();
    }

    /** The index of the instance the next attempt goes to. */
    int pick() {
        return Math.floorMod(current.get(), bases.size());
    }

    String base(int index) {
        return bases.get(index);
    }

    /** The instance at {@code index} failed: later attempts go to the next one (unless another call moved on already). */
    void failed(int index) {
        int seen = current.get();
        if (Math.floorMod(seen, bases.size()) == index) {
            current.compareAndSet(seen, seen + 1);
        }
    }

    int size() {
        return bases.size();
    }
}
