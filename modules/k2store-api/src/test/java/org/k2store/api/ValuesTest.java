package org.k2store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value types: ids, sizes, slice indexes, bookmarks, stamps. */
class ValuesTest {

    @Test
    void opIdsAreImmutableBase64UrlAndOrderedAsUnsignedBytes() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, 0x01};
        OpId id = OpId.of(bytes);
        bytes[0] = 0;
        assertThat(id.toBytes()[0]).isEqualTo((byte) 0xfb);
        assertThat(id.toBase64()).isEqualTo("-_8B");
        assertThat(OpId.fromBase64("-_8B", "op_id")).isEqualTo(id);
        assertThat(OpId.fromBase64("-_8B", "op_id")).hasSameHashCodeAs(id);
        List<OpId> ids = new ArrayList<>(List.of(OpId.of(new byte[] {(byte) 0x80}), OpId.of(new byte[] {0x7f}),
                OpId.of(new byte[] {0x7f, 0}), OpId.of(new byte[0])));
        Collections.sort(ids);
        assertThat(ids).extracting(OpId::toBase64).containsExactly("", "fw", "fwA", "gA");
        assertThatThrownBy(() -> OpId.fromBase64("ab$c", "op_ids[2]"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("op_ids[2]");
    }

    @Test
    void sizeSumsSaturateAtU32Max() {
        assertThat(OpSizes.saturatingAdd(OpSizes.U32_MAX - 1, 1)).isEqualTo(OpSizes.U32_MAX);
        assertThat(OpSizes.saturatingAdd(OpSizes.U32_MAX - 1, 5)).isEqualTo(OpSizes.U32_MAX);
        assertThat(OpSizes.saturatingAdd(OpSizes.U32_MAX, Integer.MAX_VALUE)).isEqualTo(OpSizes.U32_MAX);
        assertThat(OpSizes.saturatingAdd(10, 5)).isEqualTo(15);
        assertThatThrownBy(() -> OpSizes.checkLimit(OpSizes.U32_MAX + 1, "limit_bytes")).hasMessageContaining("limit_bytes");
    }

    @Test
    void sliceIndexesAreUnsigned64Bit() {
        assertThat(SliceIndexes.parse("18446744073709551615", "index")).isEqualTo(-1L);
        assertThat(SliceIndexes.parse("9223372036854775808", "index")).isEqualTo(Long.MIN_VALUE);
        assertThat(SliceIndexes.toString(Long.MIN_VALUE)).isEqualTo("9223372036854775808");
        assertThat(SliceIndexes.countAfter(100)).isEqualTo(101);
        assertThat(SliceIndexes.countAfter(Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(SliceIndexes.countAfter(-1L)).isEqualTo(-1L);
        for (String bad : new String[] {"18446744073709551616", "-1", "1e3", "", "0x10"}) {
            assertThatThrownBy(() -> SliceIndexes.parse(bad, "index")).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("index");
        }
        assertThatThrownBy(() -> SliceIndexes.checkHash(new byte[0])).hasMessageContaining("Cannot insert empty combined hash");
    }

    @Test
    void storedAtStampsStrictlyIncreaseEvenWhenTheClockStandsStillOrStepsBack() {
        long[] now = {1000};
        StoredAtSequence sequence = new StoredAtSequence(() -> now[0]);
        assertThat(sequence.reserve(3)).isEqualTo(1000);
        assertThat(sequence.reserve(1)).isEqualTo(1003);
        now[0] = 500;
        assertThat(sequence.reserve(2)).isEqualTo(1004);
        assertThat(sequence.reserve(0)).isEqualTo(1006);
        now[0] = 5000;
        assertThat(sequence.reserve(1)).isEqualTo(5000);
    }

    @Test
    void bookmarksLagByTheSettleWindow() {
        Timestamp callStart = new Timestamp(10_000);
        assertThat(SettleWindow.NONE.bookmark(callStart, null)).isEqualTo(callStart);
        assertThat(SettleWindow.NONE.bookmark(callStart, new Timestamp(20_000))).isEqualTo(new Timestamp(20_000));
        SettleWindow window = new SettleWindow(3_000);
        assertThat(window.bookmark(callStart, null)).isEqualTo(new Timestamp(7_000));
        assertThat(window.bookmark(callStart, new Timestamp(5_000))).isEqualTo(new Timestamp(5_000));
        assertThat(window.bookmark(callStart, new Timestamp(9_000))).isEqualTo(new Timestamp(7_000));
        assertThat(window.bookmark(new Timestamp(Long.MIN_VALUE + 5), null)).isEqualTo(Timestamp.MIN);
        assertThat(SettleWindow.of(java.time.Duration.ofSeconds(2)).micros()).isEqualTo(2_000_000);
    }

    @Test
    void systemClockIsInMicroseconds() {
        long micros = MicrosClock.system().nowMicros();
        long millis = System.currentTimeMillis();
        assertThat(micros / 1000).isBetween(millis - 60_000, millis + 60_000);
    }
}
