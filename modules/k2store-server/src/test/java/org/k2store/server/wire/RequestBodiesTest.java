package org.k2store.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.k2store.api.Base64Url;
import org.k2store.api.DecodedOp;
import org.k2store.api.InvalidInputException;
import org.k2store.api.LocationScheme;
import org.k2store.api.OpId;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.Envelope;
import org.k2store.api.codec.OpCodec;
import org.junit.jupiter.api.Test;

/** Ops read from a request body come out as the space's codec decodes them, whichever form they came in. */
class RequestBodiesTest {

    private static final SpaceSettings ENVELOPES = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32);

    private static List<DecodedOp> ops(String body, SpaceSettings settings) {
        return RequestBodies.ops(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), settings, 1000);
    }

    private static OpId id(int n) {
        byte[] bytes = new byte[36];
        bytes[0] = (byte) n;
        bytes[35] = (byte) (n * 7);
        return OpId.of(bytes);
    }

    @Test
    void anEnvelopeObjectReadFromTheBodyEqualsTheSameEnvelopeDecodedFromBytes() {
        OpId first = id(1);
        OpId second = id(2);
        byte[] asBytes = Envelope.encode(second, 77, new byte[] {9, 8, 7}, new byte[] {1});
        String body = "{\"ops\": [{\"created_at\": 42, \"extra\": {\"nested\": [1, 2]}, \"op_id\": \"" + first.toBase64()
                + "\", \"op_data\": \"" + Base64Url.encode(new byte[] {1, 2, 3}) + "\"}, \"" + Base64Url.encode(asBytes) + "\"]}";

        List<DecodedOp> ops = ops(body, ENVELOPES);

        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).opId()).isEqualTo(first);
        assertThat(ops.get(0).createdAt().micros()).isEqualTo(42);
        assertThat(ops.get(0).storedBytes()).containsExactly(1, 2, 3);
        assertThat(ops.get(0).size()).isEqualTo(3);
        assertThat(ops.get(0).metadata()).isNull();
        DecodedOp expected = ENVELOPES.decode(asBytes, "x");
        assertThat(ops.get(1).opId()).isEqualTo(expected.opId());
        assertThat(ops.get(1).storedBytes()).isEqualTo(expected.storedBytes());
        assertThat(ops.get(1).metadata()).containsExactly(1);
    }

    @Test
    void aBadEnvelopeObjectIsRefusedNamingItsIndexAndField() {
        String good = "{\"op_id\": \"" + id(1).toBase64() + "\", \"created_at\": 1, \"op_data\": \"AQ\"}";
        assertThatThrownBy(() -> ops("{\"ops\": [" + good + ", {\"op_id\": \"" + id(2).toBase64() + "\", \"created_at\": 1.5e3,"
                + " \"op_data\": \"AQ\"}]}", ENVELOPES))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[1].created_at: must be a signed 64-bit integer");
        assertThatThrownBy(() -> ops("{\"ops\": [{\"op_id\": \"AQID\", \"created_at\": 1, \"op_data\": \"AQ\"}]}", ENVELOPES))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ops[0].op_id").hasMessageContaining("36 bytes");
        assertThatThrownBy(() -> ops("{\"ops\": [{\"op_id\": \"" + id(1).toBase64() + "\", \"op_data\": \"AQ\"}]}", ENVELOPES))
                .isInstanceOf(InvalidInputException.class).hasMessage("ops[0].created_at: missing");
        assertThatThrownBy(() -> ops("{\"ops\": [" + good + ", 7]}", ENVELOPES))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[1]: expected an envelope object");
        assertThatThrownBy(() -> ops("{\"ops\": [{\"op_id\": \"x\", \"op_id\": \"y\"}]}", ENVELOPES))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("body: not valid JSON");
    }
}
