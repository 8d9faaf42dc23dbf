package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.k2store.api.StoredAtSequence;
import org.k2store.testkit.ManualClock;

/** The closed timestamp a node publishes: never above a stamp it may still make visible. */
class OpenStampsTest {

    private final ManualClock clock = new ManualClock(1_000_000);
    private final OpenStamps stamps = new OpenStamps(clock);
    private final StoredAtSequence sequence = new StoredAtSequence(clock);

    @Test
    void withNothingInFlightTheClosedTimestampIsTheClock() {
        assertThat(stamps.close()).isEqualTo(1_000_000);
        clock.advance(500);
        assertThat(stamps.close()).isEqualTo(1_000_500);
    }

    @Test
    void aBatchInFlightHoldsTheClosedTimestampAtItsFirstStampUntilReleased() {
        OpenStamps.Hold batch = stamps.reserve(sequence, 100);
        assertThat(batch.first()).isEqualTo(1_000_000);
        clock.advance(5_000);
        assertThat(stamps.close()).isEqualTo(1_000_000);
        OpenStamps.Hold later = stamps.reserve(sequence, 1);
        assertThat(later.first()).isEqualTo(1_005_000);
        batch.release();
        assertThat(stamps.close()).as("the later batch holds it now").isEqualTo(1_005_000);
        later.release();
        later.release();
        assertThat(stamps.close()).isEqualTo(1_005_000);
        assertThat(stamps.holds()).isZero();
    }

    @Test
    void aClockSteppingBackNeverStampsBelowAClosedTimestampGiven() {
        clock.advance(10_000);
        assertThat(stamps.close()).isEqualTo(1_010_000);
        clock.set(1_000_000);
        // A fresh sequence (a store opened anew) with a clock behind what was promised.
        OpenStamps.Hold hold = stamps.reserve(new StoredAtSequence(clock), 3);
        assertThat(hold.first()).isEqualTo(1_010_000);
        assertThat(stamps.close()).isEqualTo(1_010_000);
    }

    @Test
    void anOlderStampHealedInPlaceIsHeldOnlyWhileNoClosedTimestampHasPassedIt() {
        clock.advance(2_000);
        OpenStamps.Hold hold = stamps.reserve(sequence, 2);
        assertThat(hold.alsoHolds(1_001_000)).as("no closed timestamp given yet").isTrue();
        assertThat(stamps.close()).as("the healed op's stamp holds it back now").isEqualTo(1_001_000);
        assertThat(hold.alsoHolds(1_000_999)).as("below a closed timestamp given: not held here, its first writer holds it").isFalse();
        hold.release();
        assertThat(hold.alsoHolds(1_005_000)).as("a released hold holds nothing").isFalse();
        assertThat(stamps.close()).isEqualTo(1_002_000);
    }
}
