package org.k2store.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.k2store.api.OpId;

/** kitsune2's slice arithmetic, as the start-up replay uses it. */
class SlicesTest {

    @Test
    void aFullSliceIs128Hours() {
        assertThat(Slices.FULL).isEqualTo(128L * 3600 * 1_000_000);
        assertThat(Slices.index(Slices.FULL * 3870 + 5)).isEqualTo(3870);
        assertThat(Slices.firstWholeFrom(Slices.FULL * 10)).isEqualTo(10);
        assertThat(Slices.firstWholeFrom(Slices.FULL * 10 + 1)).isEqualTo(11);
        assertThat(Slices.lastWholeBefore(Slices.FULL * 10)).isEqualTo(9);
        assertThat(Slices.lastWholeBefore(Slices.FULL * 10 - 1)).isEqualTo(8);
    }

    @Test
    void theCombinedHashIsTheXorOfTheIds() {
        byte[] seven = new byte[32];
        byte[] twentyThree = new byte[32];
        Arrays.fill(seven, (byte) 7);
        Arrays.fill(twentyThree, (byte) 23);
        byte[] expected = new byte[32];
        Arrays.fill(expected, (byte) (7 ^ 23));
        assertThat(Slices.combinedHash(List.of(OpId.of(seven), OpId.of(twentyThree)))).isEqualTo(expected);
    }
}
