package org.k2store.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.TimeSliceHashes;
import org.k2store.bench.data.GeneratedOp;
import org.k2store.bench.data.HotPathData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why: what HTTP adds to a time slice per call besides transport: the service writes the answer as
 * JSON with base64url ids, the client parses it back into OpIds. {@code encode} repeats the server's
 * TimeSliceStream.write (package-private in k2store-server, bound to its store and Jetty, and not on the
 * client's class path), so it is the same Jackson streaming with the same factory settings, ids as
 * OpId.toBase64 (base64url, no padding), flushed every 5,000 ids (timeSliceChunkIds), into memory.
 * {@code decode} is the client's own reader (Answers.timeSlice, this package). 29 ids: a sector's
 * 128 h slice at 10^6 ops; 14,600: the first of the FULL arc's (14,611 +- 2 ops).
 *
 * Lives in k2store-client's src/jmh/java, in this package: Answers is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TimeSliceAnswerBenchmark {

    /** The service's default timeSliceChunkIds (config.yml). */
    public static final int CHUNK_IDS = 5000;
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    @Param({"29", "14600"})
    public int ids;

    public TimeSliceHashes answer;
    /** The encoded answer, as the client receives it. */
    public byte[] body;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

    @Setup
    public void setUp() throws IOException {
        List<GeneratedOp> slice = HotPathData.fullSliceAtMillion().subList(0, ids);
        answer = new TimeSliceHashes(HotPathData.ids(slice), slice.stream().mapToLong(GeneratedOp::size).sum());
        encode();
        body = out.toByteArray();
    }

    /** The server side: the answer's bytes, as TimeSliceStream writes them (left in {@link #written()}). */
    @Benchmark
    public int encode() throws IOException {
        out.reset();
        List<OpId> opIds = answer.opIds();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("op_ids");
            long total = 0;
            for (int from = 0; from < opIds.size(); from += CHUNK_IDS) {
                if (from > 0) {
                    json.flush();
                }
                for (OpId id : opIds.subList(from, Math.min(opIds.size(), from + CHUNK_IDS))) {
                    json.writeString(id.toBase64());
                }
            }
            total = OpSizes.saturatingAdd(total, answer.totalBytes());
            json.writeEndArray();
            json.writeNumberField("total_bytes", total);
            json.writeEndObject();
        }
        return out.size();
    }

    /** The client side: the answer read back into the store's type. */
    @Benchmark
    public TimeSliceHashes decode() {
        return Answers.timeSlice("retrieve_op_hashes_in_time_slice", body);
    }

    /** The bytes of the last {@link #encode()}. */
    public byte[] written() {
        return out.toByteArray();
    }
}
