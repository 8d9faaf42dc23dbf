package org.k2store.server.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.k2store.api.BoundedCursor;
import org.k2store.api.BoundedPage;
import org.k2store.api.BoundedStep;
import org.k2store.api.DhtArc;
import org.k2store.api.LocationScheme;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.PagedBoundedPages;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.api.codec.OpCodec;
import org.k2store.memory.MemoryOpStore;
import org.k2store.server.backend.StoreCalls;
import org.k2store.testkit.ManualClock;
import org.k2store.testkit.Ops;

/**
 * A bounded page of 100,000 zero-size envelope ops under a u32::MAX budget (#13.6: no budget bounds
 * their count): the server holds at most one step of ids at once, writes each step out before it
 * reads the next, and the answer is exactly the one-shot page, total_bytes and next_start included.
 */
class BoundedStreamTest {

    private static final int OPS = 100_000;
    private static final int STEP = 1_000;
    private static final long T0 = 1_700_000_000_000_000L;

    /** Counts what the stream asks of the store and how much it had written when it asked. */
    private static final class Watched implements PagedBoundedPages {
        final MemoryOpStore store;
        final ByteArrayOutputStream out;
        int steps;
        int mostIdsHeld;
        final List<Integer> writtenAtStep = new ArrayList<>();

        Watched(MemoryOpStore store, ByteArrayOutputStream out) {
            this.store = store;
            this.out = out;
        }

        @Override
        public CompletableFuture<BoundedStep> retrieveOpIdsBoundedStep(DhtArc arc, Timestamp start, long limitBytes,
                BoundedCursor after, int maxIds) {
            steps++;
            writtenAtStep.add(out.size());
            return store.retrieveOpIdsBoundedStep(arc, start, limitBytes, after, maxIds).thenApply(step -> {
                mostIdsHeld = Math.max(mostIdsHeld, step.opIds().size());
                return step;
            });
        }
    }

    @Test
    void aHundredThousandZeroSizeIdsStreamInStepsAndEqualTheWholePage() throws IOException {
        ManualClock clock = new ManualClock(T0);
        MemoryOpStore store = new MemoryOpStore(new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32), clock, SettleWindow.NONE);
        for (int from = 0; from < OPS; from += 10_000) {
            List<byte[]> batch = new ArrayList<>();
            for (int i = from; i < from + 10_000; i++) {
                batch.add(Ops.envelope(Ops.suffixId(i * 42_949L, i), i, new byte[i % 1000 == 0 ? 3 : 0]));
            }
            result(store.processIncomingOps(batch));
        }
        clock.set(T0 + 10_000_000);
        BoundedPage whole = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX));
        assertThat(whole.opIds()).hasSize(OPS);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Watched watched = new Watched(store, out);
        StoreCalls calls = new StoreCalls(Duration.ofSeconds(30));
        BoundedStream.start(watched, calls, DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX, STEP, failure -> { }).write(out);

        assertThat(watched.mostIdsHeld).as("ids held at once").isLessThanOrEqualTo(STEP);
        assertThat(watched.steps).isGreaterThanOrEqualTo(OPS / STEP);
        for (int i = 2; i < watched.writtenAtStep.size(); i++) {
            assertThat(watched.writtenAtStep.get(i)).as("step %d is read after the previous one was written", i)
                    .isGreaterThan(watched.writtenAtStep.get(i - 1));
        }
        assertThat(parse(out.toByteArray())).isEqualTo(whole);
    }

    @Test
    void aBudgetHitInALaterStepGivesTheContractsBookmark() throws IOException {
        ManualClock clock = new ManualClock(T0);
        MemoryOpStore store = new MemoryOpStore(new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32), clock, SettleWindow.NONE);
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(Ops.envelope(Ops.suffixId(i * 1_000_000L, i), i, new byte[i % 3 == 0 ? 0 : 10]));
        }
        result(store.processIncomingOps(batch));
        clock.advance(1_000_000);
        for (long budget : new long[] {0, 10, 95, 100, 105, 330}) {
            BoundedPage whole = result(store.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), budget));
            for (int step : new int[] {1, 4, 7}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BoundedStream.start(store, new StoreCalls(Duration.ofSeconds(30)), DhtArc.FULL, new Timestamp(0), budget, step, failure -> { }).write(out);
                assertThat(parse(out.toByteArray())).as("budget %d, step %d", budget, step).isEqualTo(whole);
            }
        }
    }

    private static BoundedPage parse(byte[] body) throws IOException {
        List<OpId> ids = new ArrayList<>();
        long total = -1;
        long next = Long.MIN_VALUE;
        try (JsonParser json = new JsonFactory().createParser(new ByteArrayInputStream(body))) {
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    ids.add(OpId.fromBase64(json.getText(), "op_ids"));
                } else if (token == JsonToken.VALUE_NUMBER_INT && "total_bytes".equals(json.currentName())) {
                    total = json.getLongValue();
                } else if (token == JsonToken.VALUE_NUMBER_INT && "next_start".equals(json.currentName())) {
                    next = json.getLongValue();
                }
            }
        }
        return new BoundedPage(ids, total, new Timestamp(next));
    }
}
