package org.k2store.server.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.eclipse.jetty.http.HttpException;
import org.k2store.server.errors.BodyTooLargeException;
import org.k2store.server.errors.BrokenBodyException;

/**
 * A request body read within bounds: it fails as soon as more than {@code limit} bytes have been
 * read (so a chunked or lying upload is never held in memory), or once it has taken longer than
 * {@code deadline} since its first read (so a slow upload cannot hold a request's permits). A read
 * that fails because the client closed or reset the connection, or because Jetty found the data
 * rate under its minimum, is the client's broken upload: a {@link BrokenBodyException}.
 */
final class BoundedBody extends FilterInputStream {

    private final long limit;
    private final Duration deadline;
    private long read;
    private long firstReadNanos;

    BoundedBody(InputStream in, long limit, Duration deadline) {
        super(in);
        this.limit = limit;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        start();
        int b;
        try {
            b = super.read();
        } catch (IOException | RuntimeException e) {
            throw broken(e);
        }
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        start();
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw broken(e);
        }
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        start();
        long skipped;
        try {
            skipped = super.skip(n);
        } catch (IOException | RuntimeException e) {
            throw broken(e);
        }
        count(skipped);
        return skipped;
    }

    private void start() {
        if (firstReadNanos == 0) {
            firstReadNanos = System.nanoTime();
        }
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw new BodyTooLargeException(limit);
        }
        if (System.nanoTime() - firstReadNanos > deadline.toNanos()) {
            throw new BrokenBodyException(408, "body: not received within " + deadline + " (" + read + " bytes arrived)", null);
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
