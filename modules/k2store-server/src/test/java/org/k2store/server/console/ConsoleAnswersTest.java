package org.k2store.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.k2store.cassandra.SectorStats.SectorFigure;

/** Folding counter rows and slice keys into the console's answers. */
class ConsoleAnswersTest {

    @Test
    void ringFiguresSumPerSectorAndPerBucket() {
        RingFigures figures = RingFigures.of(List.of(new SectorFigure(7, 0, 2, 20), new SectorFigure(8, 0, 3, 30),
                new SectorFigure(8, 511, 1, 5), new SectorFigure(8, 512, 100, 100)));
        assertThat(figures.sectorOps()[0]).isEqualTo(5);
        assertThat(figures.sectorOps()[511]).isEqualTo(1);
        assertThat(figures.totalOps()).as("a sector outside the ring is not counted").isEqualTo(6);
        assertThat(figures.totalBytes()).isEqualTo(55);
        assertThat(figures.buckets()).containsExactly(new RingFigures.Bucket(7, 2, 20), new RingFigures.Bucket(8, 4, 35));
    }

    @Test
    void sliceIndexesAreCountedPerSliceInUnsignedOrder() {
        List<List<Long>> bySector = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            bySector.add(List.of());
        }
        bySector.set(3, List.of(1L, -1L)); // -1 is 2^64-1, the highest index
        bySector.set(9, List.of(1L));
        ConsoleAnswers.SliceHashes answer = ConsoleAnswers.SliceHashes.of("c3BhY2U", bySector, 512);
        assertThat(answer.sectorCounts()[3]).isEqualTo(2);
        assertThat(answer.sectorCounts()[9]).isEqualTo(1);
        assertThat(answer.slices()).containsExactly(new ConsoleAnswers.Slice(BigInteger.ONE, 2),
                new ConsoleAnswers.Slice(new BigInteger("18446744073709551615"), 1));
        assertThat(answer.cutSectors()).isEmpty();
    }

    @Test
    void aSectorWithMoreHashesThanReadIsCountedToTheCapAndNamedCut() {
        List<List<Long>> bySector = new ArrayList<>();
        for (int i = 0; i < 512; i++) {
            bySector.add(List.of());
        }
        bySector.set(4, List.of(5L, 6L, 7L, 8L)); // the highest 3 + 1 read, ascending
        ConsoleAnswers.SliceHashes answer = ConsoleAnswers.SliceHashes.of("c3BhY2U", bySector, 3);
        assertThat(answer.sectorCounts()[4]).isEqualTo(3);
        assertThat(answer.cutSectors()).containsExactly(4);
        assertThat(answer.slices()).extracting(ConsoleAnswers.Slice::index)
                .containsExactly(BigInteger.valueOf(6), BigInteger.valueOf(7), BigInteger.valueOf(8));
    }

    @Test
    void ingestRateIsRecentOpsOverTheTimeSinceThePreviousHourBegan() {
        long hour = 3_600_000_000L;
        ConsoleReads.SpaceRows rows = new ConsoleReads.SpaceRows(List.of(new SectorFigure(0, 1, 10, 100), new SectorFigure(1, 2, 5, 50)),
                List.of(new SectorFigure(99, 1, 3600, 7200), new SectorFigure(100, 2, 3600, 0)), 99);
        ConsoleAnswers.SpaceRow row = ConsoleAnswers.SpaceRow.of("c3BhY2U", rows, 100 * hour + hour / 2 + 0);
        assertThat(row.opCount()).isEqualTo(15);
        assertThat(row.bytes()).isEqualTo(150);
        assertThat(row.recentOps()).isEqualTo(7200);
        assertThat(row.ingestOpsPerSecond()).isEqualTo(7200 / 5400.0);
        assertThat(row.ingestBytesPerSecond()).isEqualTo(7200 / 5400.0);
    }
}
