package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.k2store.testkit.Ops;

/** What the tests of sealed coarse partitions share: settled slices, ops spread over one, and the seal cell as stored. */
final class CoarseSeals {

    /** A 128 h full slice, the created_at bucket of the default layout: one coarse partition per bucket and slice. */
    static final long FULL_SLICE = 512L * 15 * 60 * 1_000_000;

    private CoarseSeals() {
    }

    /** A slice ten slices ago: its time has long settled. */
    static long pastSlice() {
        return Math.floorDiv(System.currentTimeMillis() * 1_000, FULL_SLICE) - 10;
    }

    /** {@code count} ops spread over the ring and over slice {@code slice}. */
    static List<byte[]> ops(long slice, int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long location = random.nextInt() & 0xFFFFFFFFL;
            ops.add(Ops.memoryOp(location, 64, slice * FULL_SLICE + (long) (random.nextDouble() * FULL_SLICE), seed * 100_000 + i));
        }
        return ops;
    }

    /** The static sealed cell of one coarse created_at partition, or null when it holds no seal. */
    static ByteBuffer sealed(TestStores on, UUID space, int coarseBucket, long timeBucket) {
        Row row = on.session.execute(SimpleStatement.newInstance("SELECT sealed FROM " + TestStores.KEYSPACE
                + ".ops_by_created WHERE space_uid = ? AND grain = 1 AND loc_bucket = ? AND time_bucket = ? LIMIT 1",
                space, coarseBucket, timeBucket)).one();
        return row == null ? null : row.getByteBuffer(0);
    }
}
