package org.k2store.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.k2store.api.DecodedOp;

/** Every store must get the same ops, in time order, placed where their ids say. */
class DatasetTest {

    private final Dataset data = new Dataset(7, 1000, 1_000_000_000L, 365L * 24 * 3600 * 1_000_000, 512, 2048);

    @Test
    void opsAreReproducibleAndDecodeToWhatTheDriverKnows() {
        GeneratedOp op = data.op(123);
        assertThat(data.op(123).encoded()).isEqualTo(op.encoded());
        DecodedOp decoded = Dataset.SETTINGS.decode(op.encoded(), "op");
        assertThat(decoded.opId()).isEqualTo(op.id());
        assertThat(decoded.createdAt().micros()).isEqualTo(op.createdAt());
        assertThat(decoded.size()).isEqualTo(op.size()).isBetween(512, 2048);
        assertThat(Dataset.SETTINGS.locationOf(op.id())).isEqualTo(op.location());
    }

    @Test
    void opsComeInTimeOrderWithinTheWindow() {
        List<GeneratedOp> ops = data.ops(0, 1000);
        for (int i = 1; i < ops.size(); i++) {
            assertThat(ops.get(i).createdAt()).isGreaterThanOrEqualTo(ops.get(i - 1).createdAt());
        }
        assertThat(ops.get(0).createdAt()).isGreaterThanOrEqualTo(data.startMicros());
        assertThat(ops.get(999).createdAt()).isLessThan(data.endMicros());
    }
}
