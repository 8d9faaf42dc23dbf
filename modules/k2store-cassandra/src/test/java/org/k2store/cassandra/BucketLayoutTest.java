package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.k2store.api.DhtArc;

class BucketLayoutTest {

    private static final long TOP = DhtArc.MAX_LOCATION;
    private final BucketLayout layout = new CassandraStoreConfig().bucketLayout();

    @Test
    void aSectorIsOneWholeFineBucket() {
        assertThat(layout.cover(DhtArc.sector(7), Grain.FINE)).containsExactly(new LocationBucket(Grain.FINE, 7, true));
        assertThat(layout.cover(DhtArc.sector(511), Grain.FINE)).containsExactly(new LocationBucket(Grain.FINE, 511, true));
        assertThat(layout.grainFor(DhtArc.sector(300))).isEqualTo(Grain.FINE);
    }

    @Test
    void theFullRingIsSixteenWholeCoarseBuckets() {
        assertThat(layout.grainFor(DhtArc.FULL)).isEqualTo(Grain.COARSE);
        List<LocationBucket> buckets = layout.cover(DhtArc.FULL, Grain.COARSE);
        assertThat(buckets).hasSize(16).allMatch(LocationBucket::whole);
        assertThat(layout.cover(DhtArc.FULL, Grain.FINE)).hasSize(512).allMatch(LocationBucket::whole);
    }

    @Test
    void edgesOfAnArcArePartialBuckets() {
        long sector = 1L << 23;
        DhtArc arc = DhtArc.of(sector + 5, 3 * sector - 1);
        assertThat(layout.cover(arc, Grain.FINE)).containsExactly(
                new LocationBucket(Grain.FINE, 1, false), new LocationBucket(Grain.FINE, 2, true));
        assertThat(layout.cover(DhtArc.of(10, 20), Grain.FINE)).containsExactly(new LocationBucket(Grain.FINE, 0, false));
    }

    @Test
    void aWrappingArcCoversBothEndsOfTheRing() {
        DhtArc wrapping = DhtArc.of(TOP - 31, 32);
        assertThat(layout.cover(wrapping, Grain.FINE)).containsExactly(
                new LocationBucket(Grain.FINE, 0, false), new LocationBucket(Grain.FINE, 511, false));
        DhtArc sectors = DhtArc.of(510L << 23, (2L << 23) - 1);
        assertThat(layout.cover(sectors, Grain.FINE)).extracting(LocationBucket::index).containsExactly(0, 1, 510, 511);
        assertThat(layout.cover(sectors, Grain.FINE)).allMatch(LocationBucket::whole);
        // A wrapping arc whose ends share one bucket touches that bucket once, filtered.
        assertThat(layout.cover(DhtArc.of(100, 50), Grain.COARSE)).hasSize(16)
                .filteredOn(bucket -> !bucket.whole()).extracting(LocationBucket::index).containsExactly(0);
    }

    @Test
    void wideArcsSwitchToTheCoarseGrainPastTheThreshold() {
        assertThat(layout.grainFor(DhtArc.of(0, (32L << 23) - 1))).isEqualTo(Grain.FINE);
        assertThat(layout.grainFor(DhtArc.of(0, (33L << 23) - 1))).isEqualTo(Grain.COARSE);
        assertThat(layout.cover(DhtArc.EMPTY, Grain.FINE)).isEmpty();
    }

    @Test
    void bucketsAreUnsignedShifts() {
        assertThat(layout.bucketOf(Grain.FINE, 0x8000_0000)).isEqualTo(256);
        assertThat(layout.bucketOf(Grain.COARSE, -1)).isEqualTo(15);
        BucketLayout oneCoarse = new BucketLayout(4, 0, 100, 100, 2);
        assertThat(oneCoarse.bucketOf(Grain.COARSE, -1)).isZero();
        assertThat(oneCoarse.cover(DhtArc.FULL, Grain.COARSE)).containsExactly(new LocationBucket(Grain.COARSE, 0, true));
        assertThat(layout.timeBucket(IndexKind.CREATED, -1)).isEqualTo(-1);
        assertThat(layout.timeBucket(IndexKind.CREATED, 128L * 3600 * 1_000_000)).isEqualTo(1);
    }
}
