package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.k2store.bench.data.Slices;

/**
 * The planning benchmark's setup and one call of its method, run directly (not through JMH), with the answer
 * checked against an independent computation: a benchmark that measures a wrong answer measures nothing.
 */
class PlanPartitionsBenchmarkTest {

    @ParameterizedTest
    @CsvSource({"sector, 128h, 1, FINE", "wrapping, 128h, 3, COARSE", "full, 128h, 16, COARSE", "sector, year, 1, FINE",
            "wrapping, year, 3, COARSE", "full, year, 16, COARSE"})
    void thePlannerYieldsEachLocationBucketOfTheArcInEachTimeBucketOfTheRange(String arc, String range, int locationBuckets, String grain) {
        PlanPartitionsBenchmark benchmark = new PlanPartitionsBenchmark();
        benchmark.arc = arc;
        benchmark.range = range;
        benchmark.setUp();
        // Time buckets are kitsune2's 128 h full slices: a slice is one, a year 69 or 70 of them.
        long timeBuckets = Slices.index(benchmark.to) - Slices.index(benchmark.from) + 1;
        assertThat(timeBuckets).isBetween(range.equals("128h") ? 1L : 69L, range.equals("128h") ? 1L : 70L);
        List<?> keys = benchmark.plan();
        assertThat(keys).hasSize((int) (locationBuckets * timeBuckets));
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
        assertThat(keys).allSatisfy(key -> assertThat(key.toString()).contains("grain=" + grain).contains("kind=CREATED"));
        if (arc.equals("wrapping")) {
            // 1/8 of the ring from inside coarse bucket 15 to inside bucket 1: 0 is whole, 15 and 1 are filtered.
            assertThat(keys.stream().filter(key -> key.toString().contains("whole=true"))).hasSize((int) timeBuckets);
            assertThat(PlanPartitionsBenchmark.WRAPPING.wraps()).isTrue();
            assertThat(PlanPartitionsBenchmark.WRAPPING.length()).isEqualTo(1L << 29);
        }
        if (arc.equals("full") || arc.equals("sector")) {
            assertThat(keys).allSatisfy(key -> assertThat(key.toString()).contains("whole=true"));
        }
    }
}
