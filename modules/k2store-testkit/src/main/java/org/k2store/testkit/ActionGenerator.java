package org.k2store.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.k2store.api.DhtArc;
import org.k2store.api.LocationScheme;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.MemoryOps;
import org.k2store.api.codec.OpCodec;

/**
 * Generates random call sequences that hit the contract's edges often: locations and arcs at sector
 * boundaries, at 2^31 and at both ends of the ring (so arcs wrap), ties in {@code created_at},
 * re-stored and duplicated ops, malformed ops inside good batches, budgets near op sizes, and slice
 * indexes above 2^63.
 */
final class ActionGenerator {

    private static final long TOP = DhtArc.MAX_LOCATION;
    private static final long SECTOR = 1L << DhtArc.SECTOR_BITS;

    private final Random random;
    private final SpaceSettings settings;
    private final List<OpId> knownIds = new ArrayList<>();
    private long discriminator;

    ActionGenerator(long seed, SpaceSettings settings) {
        this.random = new Random(seed);
        this.settings = settings;
    }

    List<Action> sequence(int length) {
        List<Action> actions = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            actions.add(next());
        }
        return actions;
    }

    private Action next() {
        int pick = random.nextInt(100);
        if (pick < 25) {
            return store();
        } else if (pick < 32) {
            return new Action.AdvanceClock(random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2_000_000));
        } else if (pick < 45) {
            long start = time();
            long end = random.nextInt(5) == 0 ? time() : start + random.nextInt(1_000);
            return new Action.TimeSlice(arc(), start, end);
        } else if (pick < 62) {
            return new Action.Bounded(arc(), bookmark(), limit());
        } else if (pick < 67) {
            return new Action.Earliest(arc());
        } else if (pick < 73) {
            return new Action.Retrieve(ids());
        } else if (pick < 79) {
            return new Action.Filter(ids());
        } else if (pick < 82) {
            return new Action.Count();
        } else if (pick < 90) {
            byte[] hash = new byte[random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(32)];
            random.nextBytes(hash);
            return new Action.PutSliceHash(sliceArc(), sliceIndex(), hash);
        } else if (pick < 94) {
            return new Action.SliceCount(sliceArc());
        } else if (pick < 97) {
            return new Action.GetSliceHash(sliceArc(), sliceIndex());
        } else {
            return new Action.GetSliceHashes(sliceArc());
        }
    }

    private Action store() {
        int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(8);
        List<byte[]> ops = new ArrayList<>();
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(", ");
            }
            if (random.nextInt(40) == 0) {
                ops.add("{\"created_at\": 1}".getBytes(StandardCharsets.UTF_8));
                text.append("MALFORMED");
                continue;
            }
            if (!knownIds.isEmpty() && random.nextInt(6) == 0) {
                // Re-send a known id with other data and time: the first record must win.
                OpId id = knownIds.get(random.nextInt(knownIds.size()));
                long createdAt = time();
                ops.add(encode(id, createdAt, 40 + random.nextInt(8)));
                text.append("again ").append(id).append("@").append(createdAt);
                continue;
            }
            long location = location();
            long createdAt = time();
            int size = 16 + random.nextInt(48);
            OpId id = newId(location, size);
            knownIds.add(id);
            ops.add(encode(id, createdAt, size));
            text.append("loc ").append(location).append(" t ").append(createdAt).append(" size ").append(size);
        }
        return new Action.Store(ops, text.append("]").toString());
    }

    private OpId newId(long location, int size) {
        long unique = ++discriminator;
        if (settings.codec() == OpCodec.KITSUNE2_MEMORY) {
            return OpId.of(java.util.Arrays.copyOf(MemoryOps.payloadAt((int) location, size, unique), 32));
        }
        return settings.location() == LocationScheme.SUFFIX_LE32 ? Ops.suffixId(location, unique)
                : OpId.of(MemoryOps.payloadAt((int) location, 16, unique));
    }

    /** An op with {@code id}; in a MemoryOp space the id's 32 bytes start the payload. */
    private byte[] encode(OpId id, long createdAt, int size) {
        if (settings.codec() == OpCodec.KITSUNE2_MEMORY) {
            // Generated ids are zero beyond their op's size, so truncating and zero-padding agree.
            return MemoryOps.encode(createdAt, java.util.Arrays.copyOf(id.toBytes(), size));
        }
        byte[] data = new byte[size];
        random.nextBytes(data);
        return Ops.envelope(id, createdAt, data);
    }

    private long location() {
        return switch (random.nextInt(8)) {
            case 0 -> random.nextInt(64);
            case 1 -> TOP - random.nextInt(64);
            case 2 -> (1L << 31) + random.nextInt(64) - 32;
            case 3 -> SECTOR * random.nextInt(DhtArc.SECTOR_COUNT) + random.nextInt(8) - 4 & TOP;
            default -> random.nextLong() & TOP;
        };
    }

    private DhtArc arc() {
        return switch (random.nextInt(10)) {
            case 0 -> DhtArc.EMPTY;
            case 1 -> DhtArc.FULL;
            case 2 -> DhtArc.sector(random.nextInt(DhtArc.SECTOR_COUNT));
            case 3 -> {
                int first = random.nextInt(DhtArc.SECTOR_COUNT);
                int run = 1 + random.nextInt(64);
                yield DhtArc.of(first * SECTOR, ((first + run) * SECTOR - 1) & TOP);
            }
            default -> DhtArc.of(location(), location());
        };
    }

    private DhtArc sliceArc() {
        return switch (random.nextInt(4)) {
            case 0 -> DhtArc.EMPTY;
            case 1 -> DhtArc.of(0, 2);
            case 2 -> DhtArc.of(0, 4);
            default -> DhtArc.sector(random.nextInt(3));
        };
    }

    private long sliceIndex() {
        return switch (random.nextInt(5)) {
            case 0 -> Long.MIN_VALUE + random.nextInt(3);
            case 1 -> -1L - random.nextInt(2);
            default -> random.nextInt(200);
        };
    }

    /** created_at values cluster in a small range so that ties and boundaries happen. */
    private long time() {
        return switch (random.nextInt(12)) {
            case 0 -> -random.nextInt(100);
            case 1 -> Long.MAX_VALUE - random.nextInt(3);
            default -> random.nextInt(1_000);
        };
    }

    private long bookmark() {
        return random.nextInt(4) == 0 ? 0 : DifferentialChecker.CLOCK_START + random.nextInt(20_000_000);
    }

    private long limit() {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> OpSizes.U32_MAX;
            case 2 -> random.nextInt(64);
            default -> random.nextInt(600);
        };
    }

    private List<OpId> ids() {
        int count = random.nextInt(6);
        List<OpId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!knownIds.isEmpty() && random.nextInt(3) > 0) {
                ids.add(knownIds.get(random.nextInt(knownIds.size())));
            } else {
                ids.add(newId(location(), 32));
            }
        }
        return ids;
    }
}
