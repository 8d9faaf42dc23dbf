package org.k2store.server.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.k2store.api.BoundedStep;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.PagedBoundedPages;
import org.k2store.api.Timestamp;
import org.k2store.server.backend.StoreCalls;

/**
 * A bounded page answer, {@code {"op_ids": [..], "total_bytes": n, "next_start": t}}, written step
 * by step as the store reads it: kitsune2 takes any u32 budget (its own tests ask u32::MAX), and over
 * small or zero-size ops such a budget is an id list of any length, so the server holds one step of
 * ids at a time, never the page. The answer is exactly the contract's for the budget asked: steps
 * resume from the exact {@code (stored_at, op id)} of the last op taken and carry the call's start
 * time and the bytes taken, so {@code total_bytes} and {@code next_start} (written last, as they are
 * known only at the end) are what one uncut read would give. The first step is read before the
 * answer starts, so its errors still get their status; a later failure aborts the exchange
 * ({@link JsonAnswerStream}), never a complete-looking wrong one.
 */
final class BoundedStream extends JsonAnswerStream {

    private final PagedBoundedPages store;
    private final StoreCalls calls;
    private final DhtArc arc;
    private final Timestamp start;
    private final long limitBytes;
    private final int stepIds;
    private final BoundedStep first;

    private BoundedStream(PagedBoundedPages store, StoreCalls calls, DhtArc arc, Timestamp start, long limitBytes, int stepIds,
            BoundedStep first, StreamAbort abort) {
        super(abort);
        this.store = store;
        this.calls = calls;
        this.arc = arc;
        this.start = start;
        this.limitBytes = limitBytes;
        this.stepIds = stepIds;
        this.first = first;
    }

    static BoundedStream start(PagedBoundedPages store, StoreCalls calls, DhtArc arc, Timestamp start, long limitBytes, int stepIds,
            StreamAbort abort) {
        BoundedStep first = calls.await(store.retrieveOpIdsBoundedStep(arc, start, limitBytes, null, stepIds));
        return new BoundedStream(store, calls, arc, start, limitBytes, stepIds, first, abort);
    }

    @Override
    void writeAnswer(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("op_ids");
        long total = 0;
        BoundedStep step = first;
        while (true) {
            for (OpId id : step.opIds()) {
                json.writeString(id.toBase64());
            }
            total += step.totalBytes(); // at most limitBytes, a u32: no overflow
            if (step.complete()) {
                break;
            }
            json.flush();
            step = calls.await(store.retrieveOpIdsBoundedStep(arc, start, limitBytes, step.resume(), stepIds));
        }
        json.writeEndArray();
        json.writeNumberField("total_bytes", total);
        json.writeNumberField("next_start", step.next().micros());
        json.writeEndObject();
    }
}
