package org.k2store.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.k2store.api.OpId;
import org.k2store.api.SliceHash;

/**
 * The combine benchmark's setup and one call of its method, run directly (not through JMH), with the answer
 * checked against an independent computation: a benchmark that measures a wrong answer measures nothing.
 */
class CombineSliceIdsBenchmarkTest {

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
}
