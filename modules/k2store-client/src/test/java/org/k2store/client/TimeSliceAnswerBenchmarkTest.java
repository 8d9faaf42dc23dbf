package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.k2store.api.OpId;
import org.k2store.api.TimeSliceHashes;

/**
 * The answer benchmark's setup and one call of its method, run directly (not through JMH), with the answer
 * checked against an independent computation: a benchmark that measures a wrong answer measures nothing.
 */
class TimeSliceAnswerBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {29, 14600})
    void theEncodedAnswerParsesBackToTheSameIds(int ids) throws IOException {
        TimeSliceAnswerBenchmark benchmark = new TimeSliceAnswerBenchmark();
        benchmark.ids = ids;
        benchmark.setUp();
        int length = benchmark.encode();
        byte[] written = benchmark.written();
        assertThat(written).hasSize(length).isEqualTo(benchmark.body);
        // Independently of the client: plain Jackson databind reads the same ids, in order.
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(written);
        List<OpId> parsed = new ArrayList<>();
        json.path("op_ids").forEach(id -> parsed.add(OpId.fromBase64(id.asText(), "id")));
        assertThat(parsed).isEqualTo(benchmark.answer.opIds());
        assertThat(json.path("total_bytes").asLong()).isEqualTo(benchmark.answer.totalBytes());
        String text = new String(written, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"op_ids\":[\"").doesNotContain("=").doesNotContain("+").doesNotContain("/");
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.fieldNames().next()).isEqualTo("op_ids");
        // And the client's reader, which the decode benchmark measures.
        TimeSliceHashes decoded = benchmark.decode();
        assertThat(decoded.opIds()).isEqualTo(benchmark.answer.opIds());
        assertThat(decoded.totalBytes()).isEqualTo(benchmark.answer.totalBytes());
    }
}
