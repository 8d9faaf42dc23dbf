package org.k2store.server.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpException;
import org.k2store.server.errors.BodyTooLargeException;
import org.k2store.server.errors.BrokenBodyException;

/**
 * A request body read within its {@link BodyBounds}: it fails as soon as more than the size limit
 * has been read (so a chunked or lying upload is never held in memory), or when it comes too slowly
 * or takes past its deadline (so a trickling upload cannot hold a request's permits). A read that
 * fails because the client closed or reset the connection is the client's broken upload. Both are a
 * {@link BrokenBodyException}, never a 500.
 */
final class BoundedBody extends FilterInputStream {

    private final BodyBounds bounds;
    private long read;
    private long firstReadNanos;
    private long waitedNanos;

    BoundedBody(InputStream in, BodyBounds bounds) {
        super(in);
        this.bounds = bounds;
    }

    @Override
    public int read() throws IOException {
        long started = start();
        int b;
        try {
            b = super.read();
        } catch (IOException | RuntimeException e) {
            throw broken(e);
        }
        count(b >= 0 ? 1 : 0, started);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long started = start();
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw broken(e);
        }
        count(Math.max(n, 0), started);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long started = start();
        long skipped;
        try {
            skipped = super.skip(n);
        } catch (IOException | RuntimeException e) {
            throw broken(e);
        }
        count(skipped, started);
        return skipped;
    }

    private long start() {
        long now = System.nanoTime();
        if (firstReadNanos == 0) {
            firstReadNanos = now;
        }
        return now;
    }

    private void count(long n, long readStarted) {
        long now = System.nanoTime();
        read += n;
        waitedNanos += now - readStarted;
        if (read > bounds.maxBytes()) {
            throw new BodyTooLargeException(bounds.maxBytes());
        }
        if (now - firstReadNanos > bounds.deadline().toNanos()) {
            throw new BrokenBodyException(408, "body: not received within " + bounds.deadline() + " (" + read + " bytes arrived)", null);
        }
        if (bounds.tooSlow(read, waitedNanos)) {
            throw new BrokenBodyException(408, "body: arriving slower than " + bounds.minBytesPerSecond() + " bytes per second ("
                    + read + " bytes arrived)", null);
        }
    }

    static RuntimeException broken(Throwable e) {
        if (e instanceof BodyTooLargeException || e instanceof BrokenBodyException) {
            return (RuntimeException) e;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() == 408) {
                return new BrokenBodyException(408, "body: arrived slower than this service's minimum data rate", e);
            }
        }
        return new BrokenBodyException(400, "body: the connection ended before the whole body arrived", e);
    }
}
