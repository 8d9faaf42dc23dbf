package org.k2store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.k2store.api.DhtArc;
import org.k2store.api.TimeSliceHashes;
import org.k2store.bench.data.Dataset;

/**
 * The memory store benchmark's setup and one call of its method, run directly (not through JMH), with the answer
 * checked against an independent computation: a benchmark that measures a wrong answer measures nothing.
 */
class MemoryTimeSliceBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"sector", "full"})
    void theMemoryStoreAnswersTheSliceOfTheGeneratedOps(String arc) {
        MemoryTimeSliceBenchmark benchmark = new MemoryTimeSliceBenchmark();
        benchmark.arc = arc;
        benchmark.setUp();
        assertThat(benchmark.store.queryTotalOpCount().join()).isEqualTo(MemoryTimeSliceBenchmark.STORED_OPS);
        TimeSliceHashes answer = benchmark.timeSlice();
        assertThat(answer.opIds()).isEqualTo(benchmark.expected);
        assertThat(answer.opIds()).allSatisfy(id -> assertThat(benchmark.dhtArc.contains(Dataset.SETTINGS.locationOf(id))).isTrue());
        if (arc.equals("full")) {
            assertThat(answer.opIds()).hasSizeBetween(1_200, 1_750); // 10^5 ops a year: ~1,461 per 128 h
        } else {
            assertThat(benchmark.dhtArc).isEqualTo(DhtArc.sector(100));
        }
    }
}
