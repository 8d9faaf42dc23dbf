package org.k2store.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.k2store.server.errors.BodyTooLargeException;
import org.k2store.server.errors.BrokenBodyException;

class BoundedBodyTest {

    /** Gives one byte per read, after {@code pauseMillis}: a trickling client. */
    private static InputStream trickle(long pauseMillis) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                b[off] = (byte) read();
                return 1;
            }
        };
    }

    @Test
    void aTricklingBodyIsCutOffAsSlow() {
        BoundedBody body = new BoundedBody(trickle(100), new BodyBounds(1 << 20, Duration.ofSeconds(30), 1024));
        assertThatThrownBy(() -> body.readAllBytes()).isInstanceOfSatisfying(BrokenBodyException.class, e -> {
            assertThat(e.status()).isEqualTo(408);
            assertThat(e.getMessage()).contains("slower than 1024 bytes per second");
        });
    }

    @Test
    void aSmallBodyReadLateIsNotSlow() throws Exception {
        BoundedBody body = new BoundedBody(new ByteArrayInputStream(new byte[50]), new BodyBounds(1 << 20, Duration.ofSeconds(30), 1024));
        Thread.sleep(1_200); // the service gets to the body late; it had arrived long before
        assertThat(body.readAllBytes()).hasSize(50);
    }

    @Test
    void aBodyPastItsDeadlineIsCutOffEvenAtAGoodRate() {
        BoundedBody body = new BoundedBody(trickle(20), new BodyBounds(1 << 20, Duration.ofMillis(300), 0));
        assertThatThrownBy(() -> body.readAllBytes()).isInstanceOfSatisfying(BrokenBodyException.class,
                e -> assertThat(e.getMessage()).contains("not received within PT0.3S"));
    }

    @Test
    void aConnectionEndingMidBodyIsTheClientsError() {
        InputStream ended = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new EOFException("early EOF");
            }
        };
        BoundedBody body = new BoundedBody(ended, new BodyBounds(1 << 20, Duration.ofSeconds(30), 1024));
        assertThatThrownBy(body::read).isInstanceOfSatisfying(BrokenBodyException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        BoundedBody body = new BoundedBody(new ByteArrayInputStream(new byte[101]), new BodyBounds(100, Duration.ofSeconds(30), 1024));
        assertThatThrownBy(body::readAllBytes).isInstanceOf(BodyTooLargeException.class);
    }
}
