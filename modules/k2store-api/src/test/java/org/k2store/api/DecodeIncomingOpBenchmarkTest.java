package org.k2store.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decode benchmark's setup and one call of its method, run directly (not through JMH), with the answer
 * checked against an independent computation: a benchmark that measures a wrong answer measures nothing.
 */
class DecodeIncomingOpBenchmarkTest {

    @ParameterizedTest
    @CsvSource({"envelope, 512", "envelope, 65536", "kitsune2-memory, 512", "kitsune2-memory, 65536"})
    void decodingAnIncomingOpRoundTrips(String codec, int size) {
        DecodeIncomingOpBenchmark benchmark = new DecodeIncomingOpBenchmark();
        benchmark.codec = codec;
        benchmark.size = size;
        benchmark.setUp();
        DecodedOp op = benchmark.decode();
        assertThat(op.opId()).isEqualTo(benchmark.opId);
        assertThat(op.createdAt().micros()).isEqualTo(benchmark.createdAt);
        assertThat(op.size()).isEqualTo(size);
        // The envelope stores op_data; a MemoryOp is stored as sent.
        assertThat(op.storedBytes()).isEqualTo(codec.equals("envelope") ? benchmark.opData : benchmark.raw);
        if (codec.equals("envelope")) {
            assertThat(op.opId().length()).isEqualTo(36);
            assertThat(benchmark.raw.length).isGreaterThan(size * 4 / 3);
        }
    }
}
