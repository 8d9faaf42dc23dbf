package org.k2store.server.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.TimeSlicePage;
import org.k2store.api.TimeSliceReader;
import org.k2store.api.Timestamp;
import org.k2store.server.backend.MeteredStore;
import org.k2store.server.backend.StoreCalls;

/**
 * A time slice answer, {@code {"op_ids": [..], "total_bytes": n}}, written page by page as the
 * store pages through the slice: a slice has no byte limit by contract (kitsune2 PR 96), so it can
 * hold millions of ids, and the server holds one page at a time. {@code total_bytes} comes after
 * the array because it is known only at the end. The pages are one read of the slice (the store
 * keeps its place between them), not a query per page. The first page is read before the answer
 * starts, so its errors still get their status; a later failure aborts the response (no last
 * chunk, truncated JSON), never a complete-looking wrong one: a host would hash a short slice.
 */
final class TimeSliceStream extends JsonAnswerStream {

    private final TimeSliceReader slice;
    private final StoreCalls calls;
    private final int chunk;
    private final TimeSlicePage first;

    private TimeSliceStream(TimeSliceReader slice, StoreCalls calls, int chunk, TimeSlicePage first, StreamAbort abort) {
        super(abort);
        this.slice = slice;
        this.calls = calls;
        this.chunk = chunk;
        this.first = first;
    }

    /** One read of the slice for the whole answer: each page goes on from where the last stopped. */
    static TimeSliceStream start(MeteredStore store, StoreCalls calls, DhtArc arc, Timestamp start, Timestamp end, int chunk,
            StreamAbort abort) {
        TimeSliceReader slice = store.openTimeSlice(arc, start, end);
        TimeSlicePage first = calls.await(slice.nextPage(chunk));
        return new TimeSliceStream(slice, calls, chunk, first, abort);
    }

    @Override
    void writeAnswer(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("op_ids");
        long total = 0;
        TimeSlicePage page = first;
        while (true) {
            for (OpId id : page.opIds()) {
                json.writeString(id.toBase64());
            }
            total = OpSizes.saturatingAdd(total, page.totalBytes());
            if (page.next() == null) {
                break;
            }
            json.flush();
            page = calls.await(slice.nextPage(chunk));
        }
        json.writeEndArray();
        json.writeNumberField("total_bytes", total);
        json.writeEndObject();
    }
}
