package org.k2store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocationSchemeTest {

    private static long xorFold(byte[] id) {
        return Integer.toUnsignedLong(LocationScheme.XOR_FOLD.locationOf(OpId.of(id)));
    }

    @Test
    void xorFoldMatchesTheContractsTestVectors() {
        assertThat(xorFold("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(1819043079L);
        assertThat(xorFold("1".getBytes(StandardCharsets.UTF_8))).isEqualTo(49L);
        assertThat(xorFold(new byte[] {-1, -1, -1, -1, -1, -1})).isEqualTo(4294901760L);
        assertThat(xorFold(new byte[] {1, 2, 3, (byte) 230, 44, 77, 99, 82})).isEqualTo(3026210605L);
        assertThat(xorFold(new byte[] {42, 0, 0, 0, 99, 0, 0, 0})).isEqualTo(73L);
        assertThat(xorFold(new byte[0])).isZero();
    }

    @Test
    void aFourByteIdIsItsOwnLittleEndianLocation() {
        assertThat(xorFold(new byte[] {0x78, 0x56, 0x34, (byte) 0x92})).isEqualTo(0x92345678L);
    }

    @Test
    void suffixLe32ReadsTheLastFourBytesOfA36ByteId() {
        byte[] id = new byte[36];
        id[0] = 9;
        id[32] = 1;
        id[35] = (byte) 0x80;
        assertThat(Integer.toUnsignedLong(LocationScheme.SUFFIX_LE32.locationOf(OpId.of(id)))).isEqualTo(0x8000_0001L);
        assertThatThrownBy(() -> LocationScheme.SUFFIX_LE32.validate(OpId.of(new byte[32]), "ops[3].op_id"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ops[3].op_id").hasMessageContaining("36");
    }

    @Test
    void wireNamesRoundTripAndUnknownOnesAreNamed() {
        for (LocationScheme scheme : LocationScheme.values()) {
            assertThat(LocationScheme.fromWireName(scheme.wireName())).isSameAs(scheme);
        }
        assertThatThrownBy(() -> LocationScheme.fromWireName("sha"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("location").hasMessageContaining("sha");
    }
}
