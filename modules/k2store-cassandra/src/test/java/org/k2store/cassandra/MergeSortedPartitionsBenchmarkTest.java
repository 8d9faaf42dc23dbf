package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.k2store.api.TimeSliceHashes;

/**
 * The merge benchmark's setup and one call of its method, run directly (not through JMH), with the answer
 * checked against an independent computation: a benchmark that measures a wrong answer measures nothing.
 */
class MergeSortedPartitionsBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 512})
    void theMergeYieldsEveryRowOfTheSliceInTheContractsOrder(int streams) {
        MergeSortedPartitionsBenchmark benchmark = new MergeSortedPartitionsBenchmark();
        benchmark.streams = streams;
        benchmark.setUp();
        assertThat(benchmark.expected).hasSizeBetween(13_000, 16_500); // 10^6 ops a year: ~14,612 per 128 h
        TimeSliceHashes merged = benchmark.merge();
        assertThat(merged.opIds()).isEqualTo(benchmark.expected);
        assertThat(merged.totalBytes()).isEqualTo(benchmark.expectedBytes);
        assertThat(benchmark.merge().opIds()).as("a second call reads the partitions again").isEqualTo(benchmark.expected);
    }
}
