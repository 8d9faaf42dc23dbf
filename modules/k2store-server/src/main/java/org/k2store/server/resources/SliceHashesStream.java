package org.k2store.server.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.DhtArc;
import org.k2store.api.SliceHash;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.StoreCalls;

/**
 * {@code retrieve_slice_hashes}, {@code {"slice_hashes": [{"index": n, "hash": ".."}, ..]}}, written
 * page by page: a tenant may store any number of indexes on one arc, and the server holds one page
 * at a time. A failure after the answer started aborts the exchange ({@link JsonAnswerStream}).
 */
final class SliceHashesStream extends JsonAnswerStream {

    private final MeteredStore store;
    private final StoreCalls calls;
    private final DhtArc arc;
    private final int pageRows;
    private final List<SliceHash> first;

    private SliceHashesStream(MeteredStore store, StoreCalls calls, DhtArc arc, int pageRows, List<SliceHash> first,
            StreamAbort abort) {
        super(abort);
        this.store = store;
        this.calls = calls;
        this.arc = arc;
        this.pageRows = pageRows;
        this.first = first;
    }

    static SliceHashesStream start(MeteredStore store, StoreCalls calls, DhtArc arc, int pageRows, StreamAbort abort) {
        return new SliceHashesStream(store, calls, arc, pageRows, calls.await(store.retrieveSliceHashesFrom(arc, 0, pageRows)), abort);
    }

    @Override
    void writeAnswer(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("slice_hashes");
        List<SliceHash> page = first;
        while (true) {
            for (SliceHash row : page) {
                json.writeStartObject();
                json.writeNumberField("index", new BigInteger(Long.toUnsignedString(row.index())));
                json.writeStringField("hash", Base64Url.encode(row.hash()));
                json.writeEndObject();
            }
            long last = page.isEmpty() ? 0 : page.get(page.size() - 1).index();
            if (page.size() < pageRows || last == -1L) { // a short page, or the highest u64 index: the end
                break;
            }
            json.flush();
            page = calls.await(store.retrieveSliceHashesFrom(arc, last + 1, pageRows));
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
