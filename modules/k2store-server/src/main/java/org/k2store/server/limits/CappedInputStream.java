package org.k2store.server.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.k2store.server.errors.BodyTooLargeException;

/**
 * A request body that fails as soon as more than {@code limit} bytes have been read, so a chunked
 * or lying upload is cut off without ever being held in memory.
 */
final class CappedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    CappedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw new BodyTooLargeException(limit);
        }
    }
}
