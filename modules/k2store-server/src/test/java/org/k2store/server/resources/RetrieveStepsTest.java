package org.k2store.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The steps of a streamed retrieve_ops (issue 13.6): one step holds about the byte budget of ops
 * (at least one op), whatever their sizes, and small ops still go 64 at a time. Each case runs the
 * steps the way RetrievedOpsStream does over ops of known sizes and records what each step held.
 */
class RetrieveStepsTest {

    private static final long MIB = 1024 * 1024;
    private static final long BUDGET = 4 * MIB;
    private static final long LARGEST = 16 * MIB;

    private final RetrieveSteps steps = new RetrieveSteps(64, BUDGET, LARGEST);

    /** The bytes each step held, reading ops of {@code sizes} in order. */
    private List<Long> run(long... sizes) {
        List<Long> held = new ArrayList<>();
        int from = 0;
        int step = Math.min(steps.first(), sizes.length);
        while (true) {
            long bytes = Arrays.stream(sizes, from, from + step).sum();
            held.add(bytes);
            from += step;
            if (from >= sizes.length) {
                return held;
            }
            step = Math.min(steps.next(step, step, bytes), sizes.length - from);
        }
    }

    private static long[] ops(int count, long size) {
        long[] sizes = new long[count];
        Arrays.fill(sizes, size);
        return sizes;
    }

    @Test
    void opsOfTheLargestSizeGoOneAtATime() {
        List<Long> held = run(ops(64, LARGEST));

        assertThat(held).hasSize(64).allMatch(bytes -> bytes == LARGEST);
    }

    @Test
    void mibOpsGoAsManyAsTheBudgetHolds() {
        List<Long> held = run(ops(100, MIB));

        assertThat(held).allMatch(bytes -> bytes <= BUDGET);
        assertThat(held.subList(3, held.size() - 1)).allMatch(bytes -> bytes == BUDGET);
    }

    @Test
    void smallOpsReachTheOpCap() {
        List<Long> held = run(ops(1000, 100));

        // 1, 2, 4, ..., 64, then 64 a step.
        assertThat(held.subList(0, 7)).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L);
        assertThat(held.subList(7, held.size() - 1)).allMatch(bytes -> bytes == 6400L);
    }

    @Test
    void aStepNeverHoldsMoreThanTheBudgetAndOneOpOfSteadySizes() {
        for (long size : new long[] {1, 1000, 65_537, MIB + 1, 3 * MIB, 5 * MIB}) {
            assertThat(run(ops(300, size))).as("ops of %d bytes", size).allMatch(bytes -> bytes <= BUDGET + size);
        }
    }

    @Test
    void opsThatGrowShrinkTheNextStep() {
        long[] sizes = new long[200];
        Arrays.fill(sizes, 0, 100, 1000);
        Arrays.fill(sizes, 100, 200, 8 * MIB);

        List<Long> held = run(sizes);

        // The step that meets the large ops holds at most its count of them; the next holds one.
        int jump = 0;
        while (held.get(jump) < MIB) {
            jump++;
        }
        assertThat(held.subList(jump + 1, held.size())).allMatch(bytes -> bytes == 8 * MIB);
    }

    @Test
    void unknownIdsDoNotStopTheStepsGrowing() {
        assertThat(steps.next(8, 0, 0)).isEqualTo(16);
        assertThat(steps.next(64, 0, 0)).isEqualTo(64);
    }
}
