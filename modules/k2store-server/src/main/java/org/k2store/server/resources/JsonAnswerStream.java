package org.k2store.server.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A JSON answer written while the store is still being read. The first read happens before the
 * answer starts, so its errors keep their status; after that a failure must reach the client as a
 * failed exchange, never a complete-looking short answer (a host would hash a short slice): the
 * generator is closed only once the answer is finished (closing it would let Jackson complete the
 * JSON), and the exchange is aborted ({@link StreamAbort}) before the failure propagates.
 */
abstract class JsonAnswerStream implements StreamingOutput {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    private final StreamAbort abort;

    JsonAnswerStream(StreamAbort abort) {
        this.abort = abort;
    }

    /** Writes the whole answer; returning means it is complete. */
    abstract void writeAnswer(JsonGenerator json) throws IOException;

    @Override
    public final void write(OutputStream output) throws IOException {
        try {
            JsonGenerator json = JSON.createGenerator(output);
            writeAnswer(json);
            json.close();
        } catch (IOException | RuntimeException | Error e) {
            abort.abort(e);
            throw e;
        }
    }
}
