package org.k2store.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.k2store.api.Base64Url;
import org.k2store.api.DecodedOp;
import org.k2store.api.InvalidInputException;
import org.k2store.api.OpId;
import org.k2store.api.Timestamp;

/**
 * kitsune2 0.5's IncomingOp on the wire: the kitsune2-memory codec reads a sender-supplied id and
 * metadata around a MemoryOp, the envelope an optional metadata; both keep reading today's forms
 * exactly as before, and refuse bad forms naming the field.
 */
class IncomingOpCodecTest {

    private static final byte[] PAYLOAD = {9, 8, 7, 6, 5};
    private static final byte[] MEMORY_OP = MemoryOps.encode(4_000, PAYLOAD);
    private static final OpId DERIVED = OpId.of(Arrays.copyOf(PAYLOAD, 32));
    private static final byte[] METADATA = {1, 0, 1};

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static OpId otherId() {
        byte[] id = new byte[32];
        Arrays.fill(id, (byte) 0x5a);
        return OpId.of(id);
    }

    private static DecodedOp memory(byte[] raw) {
        return OpCodec.KITSUNE2_MEMORY.decode(raw, "ops[2]");
    }

    @Test
    void aMemoryOpIsReadAsBeforeWithNoMetadataEvenWithFieldsNamedLikeIncomingOps() {
        DecodedOp plain = memory(MEMORY_OP);
        assertThat(plain.opId()).isEqualTo(DERIVED);
        assertThat(plain.metadata()).isNull();
        assertThat(plain.storedBytes()).isEqualTo(MEMORY_OP);

        // op_data is an array, so this is a MemoryOp: unknown fields stay ignored, as serde does.
        byte[] withExtras = utf8("{\"created_at\": 4000, \"op_data\": [9, 8, 7, 6, 5], \"op_id\": \"" + otherId().toBase64()
                + "\", \"metadata\": 17}");
        DecodedOp extras = memory(withExtras);
        assertThat(extras.opId()).isEqualTo(DERIVED);
        assertThat(extras.metadata()).isNull();
        assertThat(extras.storedBytes()).isEqualTo(withExtras);
    }

    @Test
    void anIncomingOpStoresItsMemoryOpUnderTheSuppliedIdWithItsMetadata() {
        // The supplied id differs from the derived one on purpose: upstream keys the op by what its sender gave.
        DecodedOp op = memory(MemoryOps.incoming(otherId(), MEMORY_OP, METADATA));
        assertThat(op.opId()).isEqualTo(otherId());
        assertThat(op.storedBytes()).as("the MemoryOp itself, as kitsune2 stores IncomingOp.op_data").isEqualTo(MEMORY_OP);
        assertThat(op.createdAt()).isEqualTo(new Timestamp(4_000));
        assertThat(op.size()).isEqualTo(PAYLOAD.length);
        assertThat(op.metadata()).isEqualTo(METADATA);
    }

    @Test
    void anIncomingOpWithoutAnIdGetsTheDerivedOneAndNullOrEmptyMetadataIsNone() {
        DecodedOp noId = memory(MemoryOps.incoming(null, MEMORY_OP, METADATA));
        assertThat(noId.opId()).isEqualTo(DERIVED);
        assertThat(noId.metadata()).isEqualTo(METADATA);

        String data = Base64Url.encode(MEMORY_OP);
        assertThat(memory(utf8("{\"op_id\": null, \"op_data\": \"" + data + "\", \"metadata\": null}")).metadata()).isNull();
        assertThat(memory(utf8("{\"op_data\": \"" + data + "\", \"metadata\": \"\"}")).metadata()).isNull();
        assertThat(memory(MemoryOps.incoming(null, MEMORY_OP, null)).metadata()).isNull();
    }

    @Test
    void metadataUpToTheBoundIsKeptAndOneByteMoreIsRefusedNamingTheField() {
        byte[] largest = new byte[OpMetadata.MAX_BYTES];
        Arrays.fill(largest, (byte) 3);
        assertThat(memory(MemoryOps.incoming(null, MEMORY_OP, largest)).metadata()).isEqualTo(largest);
        assertThat(OpCodec.ENVELOPE.decode(Envelope.encode(otherId(), 1, PAYLOAD, largest), "ops[0]").metadata()).isEqualTo(largest);

        byte[] over = new byte[OpMetadata.MAX_BYTES + 1];
        assertThatThrownBy(() -> memory(MemoryOps.incoming(null, MEMORY_OP, over)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[2].metadata: ").hasMessageContaining("1024");
        assertThatThrownBy(() -> OpCodec.ENVELOPE.decode(Envelope.encode(otherId(), 1, PAYLOAD, over), "ops[4]"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[4].metadata: ");
        // Refused before it is decoded: a huge text never becomes a huge array.
        String huge = "A".repeat(1 << 20);
        assertThatThrownBy(() -> memory(utf8("{\"op_data\": \"" + Base64Url.encode(MEMORY_OP) + "\", \"metadata\": \"" + huge + "\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[2].metadata: ");
    }

    @Test
    void badIncomingOpsAreRefusedNamingTheField() {
        String data = Base64Url.encode(MEMORY_OP);
        assertThatThrownBy(() -> memory(utf8("{\"op_data\": \"" + data + "\", \"metadata\": 5}")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[2].metadata: must be a base64url string");
        assertThatThrownBy(() -> memory(utf8("{\"op_data\": \"" + data + "\", \"metadata\": \"**\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[2].metadata: not base64url");
        assertThatThrownBy(() -> memory(utf8("{\"op_data\": \"" + data + "\", \"op_id\": [1]}")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[2].op_id: must be a base64url string");
        assertThatThrownBy(() -> memory(MemoryOps.incoming(OpId.of(new byte[] {1, 2, 3}), MEMORY_OP, null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("ops[2].op_id: a kitsune2-memory op id is 32 bytes, got 3");
        assertThatThrownBy(() -> memory(MemoryOps.incoming(null, utf8("{\"created_at\": 1}"), null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("ops[2].op_data: op_data is missing");
        assertThatThrownBy(() -> memory(utf8("{\"op_data\": \"%%\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[2].op_data: not base64url");
        assertThatThrownBy(() -> memory(utf8("{\"created_at\": 5, \"op_data\": \"" + data + "\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[2]: op_data must be an array of bytes");
        // One level only: the MemoryOp inside must be a MemoryOp, not another IncomingOp.
        byte[] nested = MemoryOps.incoming(null, MemoryOps.incoming(null, MEMORY_OP, null), null);
        assertThatThrownBy(() -> memory(nested))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[2].op_data: op_data must be an array of bytes");
    }

    @Test
    void anEnvelopeCarriesOptionalMetadataAndReadsOldEnvelopesAsBefore() {
        DecodedOp with = OpCodec.ENVELOPE.decode(Envelope.encode(otherId(), 77, PAYLOAD, METADATA), "ops[0]");
        assertThat(with.opId()).isEqualTo(otherId());
        assertThat(with.storedBytes()).isEqualTo(PAYLOAD);
        assertThat(with.size()).isEqualTo(PAYLOAD.length);
        assertThat(with.metadata()).isEqualTo(METADATA);

        DecodedOp without = OpCodec.ENVELOPE.decode(Envelope.encode(otherId(), 77, PAYLOAD), "ops[0]");
        assertThat(without.metadata()).isNull();
        assertThat(without.storedBytes()).isEqualTo(PAYLOAD);

        String id = otherId().toBase64();
        assertThat(OpCodec.ENVELOPE.decode(utf8("{\"op_id\": \"" + id + "\", \"created_at\": 1, \"op_data\": \"AQ\", \"metadata\": null}"),
                "ops[0]").metadata()).isNull();
        assertThatThrownBy(() -> OpCodec.ENVELOPE.decode(utf8("{\"op_id\": \"" + id + "\", \"created_at\": 1, \"op_data\": \"AQ\","
                + " \"metadata\": {\"require_validation_receipt\": true}}"), "ops[1]"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[1].metadata: must be a base64url string");
    }
}
