package org.k2store.server.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.StoreCalls;

/**
 * The answer of retrieve_ops, {@code {"ops": [{"op_id", "op_data", "metadata"}]}} ({@code metadata}
 * only for an op stored with some), written while the ops are
 * read from the store a few ids at a time: up to 10,000 ops of up to 16 MiB each never sit in
 * server memory together. Each read asks for as many ids as {@link RetrieveSteps} expects to fit
 * in the byte budget of one chunk, and its ops are written and flushed before the next read. The
 * first read is done before the answer starts, so its errors (an unavailable store) still get
 * their status; a later failure aborts the response (no last chunk, truncated JSON), which every
 * client sees as a failed call, never as a complete-looking short answer.
 */
final class RetrievedOpsStream extends JsonAnswerStream {

    private final MeteredStore store;
    private final StoreCalls calls;
    private final List<OpId> ids;
    private final RetrieveSteps steps;
    private final int firstStep;
    private List<MetaOp> first;

    private RetrievedOpsStream(MeteredStore store, StoreCalls calls, List<OpId> ids, RetrieveSteps steps, int firstStep,
            List<MetaOp> first, StreamAbort abort) {
        super(abort);
        this.store = store;
        this.calls = calls;
        this.ids = ids;
        this.steps = steps;
        this.firstStep = firstStep;
        this.first = first;
    }

    static RetrievedOpsStream start(MeteredStore store, StoreCalls calls, List<OpId> ids, RetrieveSteps steps, StreamAbort abort) {
        int firstStep = Math.min(steps.first(), ids.size());
        List<MetaOp> first = calls.await(store.retrieveOps(ids.subList(0, firstStep)));
        return new RetrievedOpsStream(store, calls, ids, steps, firstStep, first, abort);
    }

    @Override
    void writeAnswer(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("ops");
        List<MetaOp> ops = first;
        first = null;
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
            step = Math.min(steps.next(step, found, bytes), ids.size() - from);
            ops = calls.await(store.retrieveOps(ids.subList(from, from + step)));
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
