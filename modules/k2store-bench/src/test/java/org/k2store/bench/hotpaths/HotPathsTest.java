package org.k2store.bench.hotpaths;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hot-paths phase. The benchmarks themselves live with the code they measure, each checked there
 * by a test that runs its setup and one call of its method (for example MergeSortedPartitionsBenchmarkTest
 * in k2store-cassandra).
 */
class HotPathsTest {

    @Test
    void everyBenchmarkClassIsRunByTheHotPathsPhase() {
        assertThat(HotPaths.BENCHMARKS).hasSize(6).doesNotHaveDuplicates();
        assertThat(JmhMarkdown.number(0.04123)).isEqualTo("0.0412");
        assertThat(JmhMarkdown.number(1234.4)).isEqualTo("1234");
    }
}
