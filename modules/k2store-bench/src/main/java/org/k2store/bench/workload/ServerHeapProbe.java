package org.k2store.bench.workload;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.k2store.api.DhtArc;
import org.k2store.api.OpStore;
import org.k2store.api.Timestamp;
import org.k2store.bench.Futures;
import org.k2store.bench.Tier;
import org.k2store.bench.report.LatencyStats;
import org.k2store.bench.report.ResultRow;
import org.k2store.bench.target.ServerProcess;

/**
 * Streams the whole data set as ONE time slice (FULL arc, every created_at) through the service,
 * while a sampler reads the service's heap in use every 50 ms: the service must stream a slice of
 * any size in bounded memory, so the peak must stay under its heap cap.
 */
public final class ServerHeapProbe {

    public static final String WORKLOAD = "server-heap";
    public static final String CASE = "FULL arc, every op, one streamed time slice";

    private ServerHeapProbe() {
    }

    /** Answers the row: the call's latency, ids answered, and the peak heap (MB) in its note. */
    public static ResultRow run(Tier tier, OpStore store, ServerProcess server, String target) {
        AtomicLong peak = new AtomicLong(server.heapUsedBytes());
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (streaming.get()) {
                peak.accumulateAndGet(server.heapUsedBytes(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "server-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long begin = System.nanoTime();
        int ids;
        try {
            CompletableFuture<Integer> slice = store.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(tier.dataset().startMicros()),
                    new Timestamp(tier.dataset().endMicros() + 1)).thenApply(answer -> answer.opIds().size());
            ids = Futures.join(slice);
        } finally {
            streaming.set(false);
            sampler.interrupt();
        }
        long nanos = System.nanoTime() - begin;
        double peakMb = peak.get() / (1024.0 * 1024.0);
        return ResultRow.latency(WORKLOAD, CASE, tier.storedOps(), target, LatencyStats.ofNanos(new long[] {nanos}), ids, Double.NaN, Double.NaN)
                .withNote(String.format(Locale.ROOT, "peak heap used %.0f MiB of -Xmx%s while streaming %d ids", peakMb, server.heap(), ids));
    }

    /** The peak heap in MiB, read back from a row's note (NaN when the note has none). */
    public static double peakMib(ResultRow row) {
        String note = row.note();
        int at = note.indexOf("peak heap used ");
        if (at < 0) {
            return Double.NaN;
        }
        String rest = note.substring(at + "peak heap used ".length());
        return Double.parseDouble(rest.substring(0, rest.indexOf(' ')));
    }
}
