package org.k2store.testkit;

import static org.k2store.testkit.Await.result;

import java.util.Arrays;
import java.util.List;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.MemoryOps;

/**
 * The base of the cases ported from upstream's own op-store tests (kitsune2 and Holochain). Each
 * group is a {@code @Nested} class of {@link OpStoreConformanceSuite}, so every store that runs the
 * suite runs them too, on a fresh store and the suite's {@link ManualClock} per test.
 *
 * <p>Each case names the upstream repository, file and test it ports. Where upstream expects
 * something other than the contract ({@code shared/spec/opstore-contract.md}), the case asserts the
 * contract and its comment says what upstream expects instead.
 */
abstract class UpstreamCases {

    private final OpStoreConformanceSuite suite;

    UpstreamCases(OpStoreConformanceSuite suite) {
        this.suite = suite;
    }

    protected OpStore store() {
        return suite.store();
    }

    protected OpStore store(SpaceSettings settings) {
        return suite.store(settings);
    }

    protected ManualClock clock() {
        return suite.clock;
    }

    protected static List<OpId> store(OpStore store, byte[]... ops) {
        return result(store.processIncomingOps(Ops.list(ops)));
    }

    protected static List<OpId> store(OpStore store, List<byte[]> ops) {
        return result(store.processIncomingOps(ops));
    }

    /** {@code vec![value; length]}. */
    protected static byte[] filled(int value, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** {@code bytes} zero-padded (or cut) to {@code length}, as upstream's {@code resize(32, 0)}. */
    protected static byte[] resized(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    /** kitsune2's {@code MemoryOp::new(created_at, op_data)} as the bytes a host sends. */
    protected static byte[] memoryOp(long createdAt, byte[] opData) {
        return MemoryOps.encode(createdAt, opData);
    }

    /** The id kitsune2 computes for a MemoryOp: its first 32 bytes of op data, zero-padded. */
    protected static OpId memoryOpId(byte[] opData) {
        return OpId.of(resized(opData, 32));
    }

    /** kitsune2's {@code op_at_location(loc)}: a 32-byte payload starting with {@code loc}, little-endian. */
    protected static byte[] atLocation(long location) {
        return MemoryOps.payloadAt((int) location, 32);
    }

    /** {@code loc.to_le_bytes()}: a 4-byte id (or payload) whose xor-fold location is {@code loc}. */
    protected static byte[] le32(long location) {
        return new byte[] {(byte) location, (byte) (location >>> 8), (byte) (location >>> 16), (byte) (location >>> 24)};
    }
}
