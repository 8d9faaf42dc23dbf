package org.k2store.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.k2store.api.DecodedOp;
import org.k2store.api.InvalidInputException;
import org.k2store.api.LocationScheme;
import org.k2store.api.OpId;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;

class OpCodecTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void memoryOpIdIsTheFirst32BytesZeroPaddedAndSizeIsThePayload() {
        byte[] raw = utf8("{\"created_at\": 1234, \"op_data\": [1, 2, 3]}");
        DecodedOp op = OpCodec.KITSUNE2_MEMORY.decode(raw, "ops[0]");
        assertThat(op.opId()).isEqualTo(OpId.of(Arrays.copyOf(new byte[] {1, 2, 3}, 32)));
        assertThat(op.createdAt()).isEqualTo(new Timestamp(1234));
        assertThat(op.size()).isEqualTo(3);
        assertThat(op.storedBytes()).isEqualTo(raw);

        byte[] longPayload = new byte[40];
        longPayload[35] = 7;
        DecodedOp long40 = OpCodec.KITSUNE2_MEMORY.decode(MemoryOps.encode(-5, longPayload), "ops[0]");
        assertThat(long40.opId().length()).isEqualTo(32);
        assertThat(long40.size()).isEqualTo(40);
        assertThat(long40.createdAt()).isEqualTo(new Timestamp(-5));
    }

    @Test
    void memoryOpIgnoresUnknownFieldsLikeSerde() {
        DecodedOp op = OpCodec.KITSUNE2_MEMORY.decode(utf8("{\"extra\": {\"a\": [1]}, \"op_data\": [], \"created_at\": 0}"), "op");
        assertThat(op.size()).isZero();
    }

    @Test
    void malformedMemoryOpsAreRejectedWithTheReason() {
        String[][] cases = {
                {"", "JSON object"},
                {"{", "not valid JSON"},
                {"[]", "JSON object"},
                {"{\"op_data\": []}", "created_at is missing"},
                {"{\"created_at\": 1}", "op_data is missing"},
                {"{\"created_at\": 1.5, \"op_data\": []}", "created_at must be an integer"},
                {"{\"created_at\": 9223372036854775808, \"op_data\": []}", "does not fit"},
                {"{\"created_at\": 1, \"op_data\": [1, -1]}", "op_data[1]"},
                {"{\"created_at\": 1, \"op_data\": [\"a\"]}", "op_data[0]"},
                {"{\"created_at\": 1, \"op_data\": \"AQ\"}", "op_data must be an array"},
                {"{\"created_at\": 1, \"created_at\": 2, \"op_data\": []}", "not valid JSON"},
                {"{\"created_at\": 1, \"op_data\": []} {}", "trailing content"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> OpCodec.KITSUNE2_MEMORY.decode(utf8(c[0]), "ops[4]")).as(c[0])
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[4]").hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> OpCodec.KITSUNE2_MEMORY.decode(utf8("[".repeat(100)), "ops[0]"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void envelopeRoundTripsAndStoresTheData() {
        OpId id = OpId.of(new byte[] {9, 8, 7});
        byte[] data = {1, 2, 3, 4, 5};
        DecodedOp op = OpCodec.ENVELOPE.decode(Envelope.encode(id, 77, data), "ops[0]");
        assertThat(op.opId()).isEqualTo(id);
        assertThat(op.createdAt()).isEqualTo(new Timestamp(77));
        assertThat(op.storedBytes()).isEqualTo(data);
        assertThat(op.size()).isEqualTo(5);
    }

    @Test
    void malformedEnvelopesNameTheField() {
        String[][] cases = {
                {"{\"created_at\": 1, \"op_data\": \"AQ\"}", "ops[2].op_id: missing"},
                {"{\"op_id\": \"AQ\", \"op_data\": \"AQ\"}", "ops[2].created_at: missing"},
                {"{\"op_id\": \"AQ\", \"created_at\": 1}", "ops[2].op_data: missing"},
                {"{\"op_id\": \"A$\", \"created_at\": 1, \"op_data\": \"AQ\"}", "ops[2].op_id"},
                {"{\"op_id\": 5, \"created_at\": 1, \"op_data\": \"AQ\"}", "ops[2].op_id"},
                {"{\"op_id\": \"AQ\", \"created_at\": \"1\", \"op_data\": \"AQ\"}", "ops[2].created_at"},
                {"{\"op_id\": \"AQ\", \"created_at\": 1, \"op_data\": \"A\"}", "ops[2].op_data"},
                {"nope", "ops[2]: not valid JSON"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> OpCodec.ENVELOPE.decode(utf8(c[0]), "ops[2]")).as(c[0])
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(c[1]);
        }
    }

    @Test
    void spaceSettingsRefuseMemoryOpsWithSuffixLocations() {
        assertThatThrownBy(() -> new SpaceSettings(OpCodec.KITSUNE2_MEMORY, LocationScheme.SUFFIX_LE32))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("suffix-le32");
        assertThatThrownBy(() -> SpaceSettings.KITSUNE2_MEMORY.decode(Envelope.encode(OpId.of(new byte[0]), 1, new byte[0]), "ops[0]"))
                .isInstanceOf(InvalidInputException.class);
        SpaceSettings envelope = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.XOR_FOLD);
        assertThatThrownBy(() -> envelope.decode(Envelope.encode(OpId.of(new byte[0]), 1, new byte[0]), "ops[0]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ops[0].op_id");
    }

    @Test
    void locatedPayloadsFoldToTheirLocation() {
        for (long loc : new long[] {0, 1, 0x8000_0000L, 0xFFFF_FFFFL, 123_456_789L}) {
            for (long discriminator : new long[] {0, 1, -1, 0x1234_5678_9abc_def0L}) {
                byte[] payload = MemoryOps.payloadAt((int) loc, 32, discriminator);
                OpId id = OpId.of(Arrays.copyOf(payload, 32));
                assertThat(Integer.toUnsignedLong(LocationScheme.XOR_FOLD.locationOf(id))).isEqualTo(loc);
            }
        }
        assertThat(MemoryOps.payloadAt(1, 32, 1)).isNotEqualTo(MemoryOps.payloadAt(1, 32, 2));
    }
}
