package org.k2store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DhtArcTest {

    private static final long TOP = DhtArc.MAX_LOCATION;

    @Test
    void emptyContainsNothing() {
        for (long loc : new long[] {0, 1, 1L << 31, TOP}) {
            assertThat(DhtArc.EMPTY.contains(loc)).isFalse();
        }
        assertThat(DhtArc.EMPTY.length()).isZero();
    }

    @Test
    void boundsAreInclusive() {
        DhtArc arc = DhtArc.of(10, 20);
        assertThat(arc.contains(10L)).isTrue();
        assertThat(arc.contains(20L)).isTrue();
        assertThat(arc.contains(9L)).isFalse();
        assertThat(arc.contains(21L)).isFalse();
        assertThat(DhtArc.of(7, 7).contains(7L)).isTrue();
        assertThat(DhtArc.of(7, 7).length()).isEqualTo(1);
    }

    @Test
    void fullHoldsTheWholeRing() {
        assertThat(DhtArc.FULL.contains(0L)).isTrue();
        assertThat(DhtArc.FULL.contains(TOP)).isTrue();
        assertThat(DhtArc.FULL.contains(1L << 31)).isTrue();
        assertThat(DhtArc.FULL.length()).isEqualTo(1L << 32);
        assertThat(DhtArc.FULL.isFull()).isTrue();
        assertThat(DhtArc.FULL.wraps()).isFalse();
    }

    @Test
    void wrappingArcRunsThroughZero() {
        DhtArc arc = DhtArc.of(TOP - 31, 32);
        assertThat(arc.wraps()).isTrue();
        assertThat(arc.contains(TOP)).isTrue();
        assertThat(arc.contains(0L)).isTrue();
        assertThat(arc.contains(32L)).isTrue();
        assertThat(arc.contains(33L)).isFalse();
        assertThat(arc.contains(TOP - 32)).isFalse();
        assertThat(arc.length()).isEqualTo(65);
    }

    @Test
    void noSignBugAtTwoToTheThirtyOne() {
        DhtArc upper = DhtArc.of(1L << 31, TOP);
        assertThat(upper.wraps()).isFalse();
        assertThat(upper.contains((1L << 31) - 1)).isFalse();
        assertThat(upper.contains(1L << 31)).isTrue();
        DhtArc across = DhtArc.of((1L << 31) - 5, (1L << 31) + 5);
        assertThat(across.wraps()).isFalse();
        assertThat(across.contains(1L << 31)).isTrue();
        assertThat(across.contains(0L)).isFalse();
    }

    @Test
    void sectorsTileTheRing() {
        assertThat(DhtArc.sector(0)).isEqualTo(DhtArc.of(0, (1L << 23) - 1));
        assertThat(DhtArc.sector(511)).isEqualTo(DhtArc.of(511L << 23, TOP));
        long covered = 0;
        for (int i = 0; i < DhtArc.SECTOR_COUNT; i++) {
            covered += DhtArc.sector(i).length();
        }
        assertThat(covered).isEqualTo(1L << 32);
        assertThatThrownBy(() -> DhtArc.sector(512)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arcsAreValuesKeyedByVariantAndBounds() {
        assertThat(DhtArc.of(0, 2)).isEqualTo(DhtArc.of(0, 2)).hasSameHashCodeAs(DhtArc.of(0, 2));
        assertThat(DhtArc.of(0, 2)).isNotEqualTo(DhtArc.of(0, 4));
        assertThat(DhtArc.EMPTY).isNotEqualTo(DhtArc.of(0, 0));
    }

    @Test
    void wireFormRoundTripsAndBadFormsNameTheField() {
        for (DhtArc arc : new DhtArc[] {DhtArc.EMPTY, DhtArc.FULL, DhtArc.of(TOP - 31, 32), DhtArc.sector(300)}) {
            assertThat(DhtArc.parse(arc.toString(), "arc")).isEqualTo(arc);
        }
        assertThat(DhtArc.FULL.toString()).isEqualTo("0..4294967295");
        for (String bad : new String[] {"", "1..", "..2", "1...2", "-1..2", "1..4294967296", "a..b", "12", "1..2..3",
                "99999999999..1", "+1..2"}) {
            assertThatThrownBy(() -> DhtArc.parse(bad, "arc")).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("arc");
        }
        assertThatThrownBy(() -> DhtArc.of(-1, 3)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> DhtArc.of(0, 1L << 32)).isInstanceOf(InvalidInputException.class);
    }
}
