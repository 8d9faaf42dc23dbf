package org.k2store.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * An answer's body read straight from its connection, as framed by the head: a Content-Length, HTTP/1.1
 * chunks, or everything up to the close. It ends at the frame's end and never reads past it, so the
 * connection may carry the next request once {@link #reusable()} says the whole body was read. A body
 * that ends early (the service aborts a streamed answer that failed midway) is an EOFException, never
 * a shorter whole.
 */
abstract class AnswerBody extends InputStream {

    final InputStream in;

    private AnswerBody(InputStream in) {
        this.in = in;
    }

    static AnswerBody fixed(InputStream in, long length, boolean keepAlive) {
        return new Fixed(in, length, keepAlive);
    }

    static AnswerBody chunked(InputStream in, boolean keepAlive) {
        return new Chunked(in, keepAlive);
    }

    static AnswerBody untilClose(InputStream in) {
        return new UntilClose(in);
    }

    /** True once the whole body was read and the connection may be kept for another request. */
    abstract boolean reusable();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Does not close the connection: the exchange decides whether it is kept or closed. */
    @Override
    public void close() {
    }

    private static final class Fixed extends AnswerBody {

        private long remaining;
        private final boolean keepAlive;

        Fixed(InputStream in, long length, boolean keepAlive) {
            super(in);
            this.remaining = length;
            this.keepAlive = keepAlive;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("the answer ended " + remaining + " bytes before its Content-Length");
            }
            remaining -= n;
            return n;
        }

        @Override
        boolean reusable() {
            return keepAlive && remaining == 0;
        }
    }

    private static final class Chunked extends AnswerBody {

        private final boolean keepAlive;
        private long chunkLeft;
        private boolean ended;

        Chunked(InputStream in, boolean keepAlive) {
            super(in);
            this.keepAlive = keepAlive;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (chunkLeft == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, chunkLeft));
            if (n < 0) {
                throw new EOFException("the answer ended inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                String end = ServiceConnection.readLine(in);
                if (end == null || !end.isEmpty()) {
                    throw new ProtocolException("no CRLF after a chunk");
                }
            }
            return n;
        }

        /** Reads the next chunk's size line; false at the last chunk (after its trailers). */
        private boolean nextChunk() throws IOException {
            String sizeLine = ServiceConnection.readLine(in);
            if (sizeLine == null) {
                throw new EOFException("the answer ended before its last chunk");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size: " + (hex.length() > 20 ? hex.substring(0, 20) : hex));
            }
            if (size < 0) {
                throw new ProtocolException("bad chunk size: " + hex);
            }
            if (size == 0) {
                for (String trailer = ServiceConnection.readLine(in); trailer != null && !trailer.isEmpty(); trailer = ServiceConnection.readLine(in)) {
                    // trailer fields are not used
                }
                ended = true;
                return false;
            }
            chunkLeft = size;
            return true;
        }

        @Override
        boolean reusable() {
            return keepAlive && ended;
        }
    }

    private static final class UntilClose extends AnswerBody {

        UntilClose(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
        }

        @Override
        boolean reusable() {
            return false;
        }
    }
}
