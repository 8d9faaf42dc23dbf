package org.k2store.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order of targets within a sample decides who pays a shared partition's cold read. */
class SampleOrderTest {

    @Test
    void everyOrderIsAPermutation() {
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            int[] order = Sample.order(7, random);
            assertThat(Arrays.stream(order).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void eachOfThreeTargetsSharingDataLeadsTheThreeAboutAThirdOfTheTime() {
        // Targets 0, 1 and 2 of seven read the same partitions (the store, fan-out 1, the raw driver).
        Random random = new Random(31L * 100 + 7);
        int[] leads = new int[3];
        int samples = 3000;
        for (int i = 0; i < samples; i++) {
            for (int target : Sample.order(7, random)) {
                if (target < 3) {
                    leads[target]++;
                    break;
                }
            }
        }
        for (int lead : leads) {
            assertThat(lead).isBetween(samples / 3 - 150, samples / 3 + 150);
        }
    }
}
