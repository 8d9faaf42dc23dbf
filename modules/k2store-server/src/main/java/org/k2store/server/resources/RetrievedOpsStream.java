package org.k2store.server.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.StoreCalls;

/**
 * The answer of retrieve_ops, {@code {"ops": [{"op_id", "op_data"}]}}, written while the ops are
 * read from the store a chunk of ids at a time: up to 10,000 ops of up to a MiB each never sit in
 * server memory together. The first chunk is read before the answer starts, so its errors (an
 * unavailable store) still get their status; a later failure cuts the answer short, which the
 * client sees as truncated JSON, never as a complete-looking wrong answer.
 */
final class RetrievedOpsStream implements StreamingOutput {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final MeteredStore store;
    private final StoreCalls calls;
    private final List<OpId> ids;
    private final int chunk;
    private final List<MetaOp> first;

    private RetrievedOpsStream(MeteredStore store, StoreCalls calls, List<OpId> ids, int chunk, List<MetaOp> first) {
        this.store = store;
        this.calls = calls;
        this.ids = ids;
        this.chunk = chunk;
        this.first = first;
    }

    static RetrievedOpsStream start(MeteredStore store, StoreCalls calls, List<OpId> ids, int chunk) {
        List<MetaOp> first = calls.await(store.retrieveOps(ids.subList(0, Math.min(chunk, ids.size()))));
        return new RetrievedOpsStream(store, calls, ids, chunk, first);
    }

    @Override
    public void write(OutputStream output) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(output)) {
            json.writeStartObject();
            json.writeArrayFieldStart("ops");
            List<MetaOp> ops = first;
            for (int from = 0; ; ) {
                for (MetaOp op : ops) {
                    json.writeStartObject();
                    json.writeStringField("op_id", op.opId().toBase64());
                    json.writeStringField("op_data", Base64Url.encode(op.opData()));
                    json.writeEndObject();
                }
                from += chunk;
                if (from >= ids.size()) {
                    break;
                }
                json.flush();
                ops = calls.await(store.retrieveOps(ids.subList(from, Math.min(from + chunk, ids.size()))));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
