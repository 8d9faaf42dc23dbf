package org.k2store.server.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.StoreCalls;
import org.k2store.server.limits.BytesInFlight;
import org.k2store.server.limits.NoRoomException;

/**
 * The answer of retrieve_ops, {@code {"ops": [{"op_id", "op_data", "metadata"}]}} ({@code metadata}
 * only for an op stored with some), written while the ops are
 * read from the store a few ids at a time: up to 10,000 ops of up to 16 MiB each never sit in
 * server memory together. Each read asks for as many ids as {@link RetrieveSteps} expects to fit
 * in the byte budget of one chunk, and its ops are written and flushed before the next read. The
 * first read is done before the answer starts, so its errors (an unavailable store) still get
 * their status; a later failure aborts the response (no last chunk, truncated JSON), which every
 * client sees as a failed call, never as a complete-looking short answer.
 *
 * <p>Each step's ops are charged to the service's {@link BytesInFlight} until they are written: a
 * client that stops reading holds its step until the connection times out, and 128 such clients of
 * 1 MiB ops filled a -Xmx512m service's heap (84 OutOfMemoryErrors). Sizes are known only once
 * read, so a step whose bytes are not free right away is dropped, its charge waited for with
 * nothing held, and read again; when the wait runs out the answer is aborted like any failure.
 */
final class RetrievedOpsStream extends JsonAnswerStream {

    private final MeteredStore store;
    private final StoreCalls calls;
    private final List<OpId> ids;
    private final RetrieveSteps steps;
    private final int firstStep;
    private final BytesInFlight budget;
    /** A step read and not yet charged: held only here, so dropping it frees it. */
    private List<MetaOp> pending;
    /** KiB of the budget the step being written holds. */
    private int held;

    private RetrievedOpsStream(MeteredStore store, StoreCalls calls, List<OpId> ids, RetrieveSteps steps, int firstStep,
            List<MetaOp> first, BytesInFlight budget, StreamAbort abort) {
        super(abort);
        this.store = store;
        this.calls = calls;
        this.ids = ids;
        this.steps = steps;
        this.firstStep = firstStep;
        this.pending = first;
        this.budget = budget;
    }

    static RetrievedOpsStream start(MeteredStore store, StoreCalls calls, List<OpId> ids, RetrieveSteps steps, BytesInFlight budget,
            StreamAbort abort) {
        int firstStep = Math.min(steps.first(), ids.size());
        List<MetaOp> first = calls.await(store.retrieveOps(ids.subList(0, firstStep)));
        RetrievedOpsStream stream = new RetrievedOpsStream(store, calls, ids, steps, firstStep, first, budget, abort);
        // Room for the first step is waited for now, so that a full budget is a 503, not a cut answer;
        // it is given back and taken again when the answer is written: nothing stays taken if it never is.
        stream.pending = stream.charged(0, firstStep);
        stream.budget.give(stream.held);
        stream.held = 0;
        return stream;
    }

    @Override
    void writeAnswer(JsonGenerator json) throws IOException {
        try {
            writeSteps(json);
        } finally {
            budget.give(held);
            held = 0;
        }
    }

    private void writeSteps(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("ops");
        List<MetaOp> ops = charged(0, firstStep);
        int from = 0;
        int step = firstStep;
        while (true) {
            long bytes = 0;
            for (MetaOp op : ops) {
                json.writeStartObject();
                json.writeStringField("op_id", op.opId().toBase64());
                byte[] data = op.opData();
                json.writeStringField("op_data", Base64Url.encode(data));
                byte[] metadata = op.metadata().orElse(null);
                if (metadata != null) {
                    json.writeStringField("metadata", Base64Url.encode(metadata));
                }
                json.writeEndObject();
                bytes += data.length + (metadata == null ? 0 : metadata.length);
            }
            from += step;
            if (from >= ids.size()) {
                break;
            }
            json.flush();
            int found = ops.size();
            ops = null; // the chunk is written: let it go before the next one is read
            budget.give(held);
            held = 0;
            step = Math.min(steps.next(step, found, bytes), ids.size() - from);
            pending = calls.await(store.retrieveOps(ids.subList(from, from + step)));
            ops = charged(from, step);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The pending step (the ids from {@code from}, {@code step} of them), its bytes taken from the budget. */
    private List<MetaOp> charged(int from, int step) {
        List<MetaOp> ops = pending;
        pending = null;
        int charge = budget.kibOf(bytesOf(ops));
        if (budget.tryTake(charge)) {
            held = charge;
            return ops;
        }
        ops = null; // hold nothing while waiting for room
        if (!budget.take(charge)) {
            throw new NoRoomException(budget.noRoomFor(charge));
        }
        held = charge;
        List<MetaOp> again = calls.await(store.retrieveOps(ids.subList(from, from + step)));
        // Ops are immutable once stored; only ops stored meanwhile can add bytes, taken if they are free.
        int more = budget.kibOf(bytesOf(again)) - charge;
        if (more > 0 && budget.tryTake(more)) {
            held += more;
        }
        return again;
    }

    private static long bytesOf(List<MetaOp> ops) {
        long bytes = 0;
        for (MetaOp op : ops) {
            bytes += op.opData().length + op.metadata().map(metadata -> metadata.length).orElse(0);
        }
        return bytes;
    }
}
