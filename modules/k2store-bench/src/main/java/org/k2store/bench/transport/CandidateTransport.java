package org.k2store.bench.transport;

import java.util.concurrent.CompletableFuture;

/**
 * One way of sending a k2store call, as the client's transport would: asynchronous to its caller and
 * reading the whole answer, so the shootout times each library with the same work around it.
 */
interface CandidateTransport extends AutoCloseable {

    /** One request: GET when {@code body} is null, else a JSON POST. */
    record Request(String path, byte[] body) {
    }

    String name();

    /** Completes with the answer's body; fails on an IO error or a status other than 200. */
    CompletableFuture<byte[]> call(Request request);

    @Override
    void close() throws java.io.IOException;
}
