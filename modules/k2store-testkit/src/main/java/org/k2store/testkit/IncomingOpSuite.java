package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.failure;
import static org.k2store.testkit.Await.result;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
import org.k2store.api.LocationScheme;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.api.codec.Envelope;
import org.k2store.api.codec.MemoryOps;
import org.k2store.api.codec.OpCodec;
import org.k2store.api.codec.OpMetadata;

/**
 * kitsune2 0.5's {@code IncomingOp} (a sender-supplied id, the op's data and optional metadata)
 * through a store, in both codecs: ids and metadata round-trip through {@code retrieve_ops}, the
 * first record's metadata wins like the rest of the op, and a bad metadata refuses the whole call.
 * An implementation runs it by extending this class, as it runs {@link OpStoreConformanceSuite}.
 */
public abstract class IncomingOpSuite {

    protected static final long T0 = 1_700_000_000_000_000L;
    protected static final SpaceSettings HOLOCHAIN = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32);

    protected final ManualClock clock = new ManualClock(T0);

    /** A fresh, empty store of one space. */
    protected abstract StoreFactory factory();

    protected OpStore store(SpaceSettings settings) {
        return factory().open(settings, clock, SettleWindow.NONE);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A 32-byte id at xor-fold location {@code location}, unlike any id a MemoryOp payload derives. */
    private static OpId suppliedId(int location, int tag) {
        byte[] id = new byte[32];
        id[0] = (byte) location;
        id[1] = (byte) (location >>> 8);
        id[2] = (byte) (location >>> 16);
        id[3] = (byte) (location >>> 24);
        id[8] = (byte) tag;
        id[12] = (byte) tag; // folds away: the location stays location
        id[20] = 0x77;
        id[24] = 0x77;
        return OpId.of(id);
    }

    private static byte[] metadataOf(MetaOp op) {
        return op.metadata().orElse(null);
    }

    @Test
    void aMemoryIncomingOpIsStoredUnderItsSuppliedIdWithItsMetadata() {
        OpStore store = store(SpaceSettings.KITSUNE2_MEMORY);
        byte[] memoryOp = Ops.memoryOp(5, 40, 300);
        OpId derived = Ops.memoryOpId(5, 40);
        OpId supplied = suppliedId(5, 1);
        byte[] metadata = utf8("{\"require_validation_receipt\":true}");

        List<OpId> ids = result(store.processIncomingOps(List.of(MemoryOps.incoming(supplied, memoryOp, metadata))));
        assertThat(ids).containsExactly(supplied);
        List<MetaOp> found = result(store.retrieveOps(List.of(supplied, derived)));
        assertThat(found).as("stored under the supplied id only").containsExactly(new MetaOp(supplied, memoryOp, metadata));
        assertThat(metadataOf(found.get(0))).isEqualTo(metadata);
        assertThat(result(store.filterOutExistingOps(List.of(supplied, derived)))).containsExactly(derived);

        // created_at and size are the MemoryOp's: it sits in its time slice with its payload's size.
        TimeSliceHashes slice = result(store.retrieveOpHashesInTimeSlice(DhtArc.of(0, 10), new Timestamp(300), new Timestamp(301)));
        assertThat(slice.opIds()).containsExactly(supplied);
        assertThat(slice.totalBytes()).isEqualTo(40);
    }

    @Test
    void aMemoryIncomingOpWithoutAnIdGetsTheDerivedIdAndAPlainMemoryOpHasNoMetadata() {
        OpStore store = store(SpaceSettings.KITSUNE2_MEMORY);
        byte[] withMetadata = Ops.memoryOp(7, 40, 100);
        byte[] plain = Ops.memoryOp(9, 40, 200);
        byte[] metadata = {42};

        List<OpId> ids = result(store.processIncomingOps(List.of(MemoryOps.incoming(null, withMetadata, metadata), plain)));
        assertThat(ids).containsExactly(Ops.memoryOpId(7, 40), Ops.memoryOpId(9, 40));
        List<MetaOp> found = result(store.retrieveOps(ids));
        assertThat(found).containsExactly(new MetaOp(ids.get(0), withMetadata, metadata), new MetaOp(ids.get(1), plain));
        assertThat(found.get(1).metadata()).as("absent, not empty").isEmpty();
    }

    @Test
    void anEnvelopeCarriesMetadataAndOneWithoutHasNone() {
        OpStore store = store(HOLOCHAIN);
        OpId receipt = Ops.suffixId(1_000, 1);
        OpId gossiped = Ops.suffixId(2_000, 2);
        byte[] metadata = {1};
        List<byte[]> batch = List.of(Envelope.encode(receipt, 10, utf8("published"), metadata), Envelope.encode(gossiped, 20, utf8("gossiped")));

        assertThat(result(store.processIncomingOps(batch))).containsExactly(receipt, gossiped);
        assertThat(result(store.retrieveOps(List.of(gossiped, receipt, gossiped)))).containsExactly(
                new MetaOp(gossiped, utf8("gossiped")), new MetaOp(receipt, utf8("published"), metadata), new MetaOp(gossiped, utf8("gossiped")));
    }

    @Test
    void theFirstRecordsMetadataWinsAcrossCallsAndWithinABatch() {
        OpStore store = store(HOLOCHAIN);
        OpId withFirst = Ops.suffixId(10, 1);
        OpId withoutFirst = Ops.suffixId(20, 2);
        OpId inBatch = Ops.suffixId(30, 3);

        result(store.processIncomingOps(List.of(Envelope.encode(withFirst, 1, utf8("a"), utf8("first")),
                Envelope.encode(withoutFirst, 2, utf8("b")))));
        clock.advance(1_000);
        // Stored again with other metadata (and none where there was none): the first record stays whole.
        assertThat(result(store.processIncomingOps(List.of(Envelope.encode(withFirst, 1, utf8("a"), utf8("second")),
                Envelope.encode(withoutFirst, 2, utf8("b"), utf8("late")),
                Envelope.encode(inBatch, 3, utf8("c"), utf8("one")),
                Envelope.encode(inBatch, 3, utf8("c"), utf8("two")))))).containsExactly(withFirst, withoutFirst, inBatch, inBatch);

        assertThat(result(store.retrieveOps(List.of(withFirst, withoutFirst, inBatch)))).containsExactly(
                new MetaOp(withFirst, utf8("a"), utf8("first")), new MetaOp(withoutFirst, utf8("b")), new MetaOp(inBatch, utf8("c"), utf8("one")));
        assertThat(result(store.queryTotalOpCount())).isEqualTo(3L);
    }

    @Test
    void aMemoryOpStoredFirstKeepsNoMetadataWhenItComesBackAsAnIncomingOp() {
        OpStore store = store(SpaceSettings.KITSUNE2_MEMORY);
        byte[] op = Ops.memoryOp(3, 40, 50);
        OpId id = Ops.memoryOpId(3, 40);
        result(store.processIncomingOps(List.of(op)));
        clock.advance(10);
        assertThat(result(store.processIncomingOps(List.of(MemoryOps.incoming(id, op, utf8("late")))))).containsExactly(id);
        assertThat(result(store.retrieveOps(List.of(id)))).containsExactly(new MetaOp(id, op));
    }

    @Test
    void badMetadataFailsTheWholeCallNamingTheFieldAndStoresNothing() {
        OpStore memory = store(SpaceSettings.KITSUNE2_MEMORY);
        byte[] good = Ops.memoryOp(11, 40, 10);
        OpId goodId = Ops.memoryOpId(11, 40);
        byte[] oversized = new byte[OpMetadata.MAX_BYTES + 1];
        Throwable tooLarge = failure(memory.processIncomingOps(List.of(good, MemoryOps.incoming(null, Ops.memoryOp(12, 40, 10), oversized))));
        assertThat(tooLarge).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[1].metadata: ");
        assertThat(result(memory.filterOutExistingOps(List.of(goodId)))).as("nothing of the call stored").containsExactly(goodId);

        OpStore envelope = store(HOLOCHAIN);
        OpId first = Ops.suffixId(100, 1);
        byte[] notBase64 = utf8("{\"op_id\": \"" + Ops.suffixId(200, 2).toBase64() + "\", \"created_at\": 1, \"op_data\": \"AQ\","
                + " \"metadata\": true}");
        Throwable wrongType = failure(envelope.processIncomingOps(List.of(Envelope.encode(first, 1, utf8("x"), utf8("m")), notBase64)));
        assertThat(wrongType).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[1].metadata: ");
        assertThat(result(envelope.filterOutExistingOps(List.of(first)))).containsExactly(first);
        assertThat(result(envelope.queryTotalOpCount())).isZero();
    }

    @Test
    void aSuppliedIdOfAnotherLengthThanTheSpacesIsRefused() {
        OpStore store = store(SpaceSettings.KITSUNE2_MEMORY);
        OpId short16 = OpId.of(Arrays.copyOf(new byte[] {1, 2}, 16));
        Throwable refused = failure(store.processIncomingOps(List.of(MemoryOps.incoming(short16, Ops.memoryOp(1, 40, 1), null))));
        assertThat(refused).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ops[0].op_id: ");
        assertThat(result(store.queryTotalOpCount())).isZero();
    }

    @Test
    void metadataOfTheLargestSizeRoundTripsUnchanged() {
        OpStore store = store(HOLOCHAIN);
        byte[] largest = new byte[OpMetadata.MAX_BYTES];
        for (int i = 0; i < largest.length; i++) {
            largest[i] = (byte) (i * 7);
        }
        OpId id = Ops.suffixId(5, 5);
        result(store.processIncomingOps(List.of(Envelope.encode(id, 1, new byte[0], largest))));
        List<MetaOp> found = result(store.retrieveOps(List.of(id)));
        assertThat(found).hasSize(1);
        assertThat(metadataOf(found.get(0))).isEqualTo(largest);
        assertThat(found.get(0).opData()).isEmpty();
    }
}
