package org.k2store.bench.hotpaths;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.k2store.api.DecodedOp;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.SliceHash;
import org.k2store.api.TimeSliceHashes;
import org.k2store.bench.workload.Slices;
import org.k2store.cassandra.MergeSortedPartitionsBenchmark;
import org.k2store.cassandra.PlanPartitionsBenchmark;
import org.k2store.client.TimeSliceAnswerBenchmark;

/**
 * Each hot-path benchmark's setup and one call of its method, run directly (not through JMH), with
 * the answer checked against an independent computation: a benchmark that measures a wrong answer
 * measures nothing.
 */
class HotPathBenchmarksTest {

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

    @ParameterizedTest
    @ValueSource(ints = {29, 14600})
    void combiningASlicesIdsIsTheirBytewiseXor(int ids) {
        CombineSliceIdsBenchmark benchmark = new CombineSliceIdsBenchmark();
        benchmark.ids = ids;
        benchmark.setUp();
        SliceHash hash = benchmark.combine();
        byte[] expected = new byte[36];
        for (OpId id : benchmark.answer.opIds()) {
            byte[] bytes = id.toBytes();
            for (int i = 0; i < expected.length; i++) {
                expected[i] ^= bytes[i];
            }
        }
        assertThat(benchmark.answer.opIds()).hasSize(ids);
        assertThat(hash.index()).isEqualTo(benchmark.sliceIndex);
        assertThat(hash.hash()).isEqualTo(expected).isNotEqualTo(new byte[36]);
        List<OpId> twice = new ArrayList<>(benchmark.answer.opIds());
        twice.addAll(benchmark.answer.opIds());
        assertThat(Slices.combinedHash(twice)).as("x ^ x = 0").isEqualTo(new byte[36]);
    }

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

    @ParameterizedTest
    @ValueSource(strings = {"sector", "full"})
    void theMemoryStoreAnswersTheSliceOfTheGeneratedOps(String arc) {
        MemoryTimeSliceBenchmark benchmark = new MemoryTimeSliceBenchmark();
        benchmark.arc = arc;
        benchmark.setUp();
        assertThat(benchmark.store.queryTotalOpCount().join()).isEqualTo(MemoryTimeSliceBenchmark.STORED_OPS);
        TimeSliceHashes answer = benchmark.timeSlice();
        assertThat(answer.opIds()).isEqualTo(benchmark.expected);
        assertThat(answer.opIds()).allSatisfy(id -> assertThat(benchmark.dhtArc.contains(org.k2store.bench.data.Dataset.SETTINGS.locationOf(id))).isTrue());
        if (arc.equals("full")) {
            assertThat(answer.opIds()).hasSizeBetween(1_200, 1_750); // 10^5 ops a year: ~1,461 per 128 h
        } else {
            assertThat(benchmark.dhtArc).isEqualTo(DhtArc.sector(100));
        }
    }

    @Test
    void everyBenchmarkClassIsRunByTheHotPathsPhase() {
        assertThat(HotPaths.BENCHMARKS).hasSize(6).doesNotHaveDuplicates();
        assertThat(JmhMarkdown.number(0.04123)).isEqualTo("0.0412");
        assertThat(JmhMarkdown.number(1234.4)).isEqualTo("1234");
    }
}
