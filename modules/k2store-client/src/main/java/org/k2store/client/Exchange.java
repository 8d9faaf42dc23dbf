package org.k2store.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * One attempt of a call, blocking the call thread it runs on: the request goes out, and an accepted
 * answer is read by the call's reader straight from the connection as it arrives, never held whole in
 * memory. Other answers are errors, which are small and read whole (up to {@link #MAX_ERROR_BYTES}).
 * An IOException means no (whole) answer arrived within the request timeout.
 */
interface Exchange {

    /** Enough for any error body the service writes; a proxy's page beyond it is cut. */
    int MAX_ERROR_BYTES = 64 * 1024;

    /** What came back: the read answer when its status was accepted, else the error status, body and Retry-After. */
    record Reply<T>(T answer, int status, byte[] errorBody, Optional<String> retryAfter) {
        boolean accepted() {
            return errorBody == null;
        }

        /** The reply to {@code call} whose answer has {@code status}: read by the call's reader when accepted, else read whole (cut at MAX_ERROR_BYTES). */
        static <T> Reply<T> of(HttpTransport.Call<T> call, int status, InputStream body, Optional<String> retryAfter) throws IOException {
            if (call.accepted().contains(status)) {
                return new Reply<>(call.reader().read(status, body), status, null, Optional.empty());
            }
            return new Reply<>(null, status, body.readNBytes(MAX_ERROR_BYTES), retryAfter);
        }
    }

    <T> Reply<T> send(String base, HttpTransport.Call<T> call) throws IOException;
}
