package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.codec.MemoryOps;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.memory.MemoryOpStore;
import org.k2store.testkit.Ops;

/**
 * retrieve_ops and filter_out_existing_ops read ids a chunk per request ({@link OpLookups}): the
 * answers must be the memory store's for lists that cross many chunks, with unknown ids, repeats,
 * ops of many sizes and an op whose indexing was interrupted (there in ops_by_id, invisible).
 */
@ExtendWith(CassandraExtension.class)
class OpLookupsTest {

    private static TestStores stores;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        // Fan-out 16: two data chunks of 8 ids in flight at once, so chunks answer out of order.
        stores = new TestStores(endpoint, TestStores.defaults().setFanOut(16));
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Test
    void answersMatchTheMemoryStoreAcrossManyChunks() {
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, MicrosClock.system(), SettleWindow.NONE);
        OpStore oracle = new MemoryOpStore(SpaceSettings.KITSUNE2_MEMORY, MicrosClock.system(), SettleWindow.NONE);
        Random random = new Random(42);
        List<byte[]> ops = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            ops.add(Ops.memoryOp(random.nextInt() & 0xffffffffL, 32 + random.nextInt(3000), 1_000 + i, i));
        }
        List<OpId> stored = result(store.processIncomingOps(ops));
        assertThat(result(oracle.processIncomingOps(ops))).isEqualTo(stored);

        // What a crash right after the op row leaves: the row, no index rows, no 'indexed'.
        OpId interrupted = Ops.memoryOpId(4242, 40);
        stores.session.execute(SimpleStatement.newInstance("INSERT INTO " + TestStores.KEYSPACE
                        + ".ops_by_id (space_uid, op_id, location, created_at, stored_at, size, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                store.space().uid(), ByteBuffer.wrap(interrupted.toBytes()), 4242, 123L, 4_000_000L, 40,
                ByteBuffer.wrap(MemoryOps.encode(123, MemoryOps.payloadAt(4242, 40)))));

        List<OpId> asked = new ArrayList<>(stored);
        for (int i = 0; i < 40; i++) {
            asked.add(Ops.memoryOpId(100_000 + i, 40)); // never stored
        }
        asked.addAll(stored.subList(0, 10)); // asked twice
        asked.add(interrupted);
        Collections.shuffle(asked, random);
        assertThat(asked).as("more ids than three chunks of either read").hasSizeGreaterThan(3 * Math.max(OpStateReads.CHUNK, OpLookups.DATA_CHUNK));

        assertThat(result(store.retrieveOps(asked))).as("every visible op, in the order asked, each repeat answered")
                .isEqualTo(result(oracle.retrieveOps(asked)))
                .hasSize(stored.size() + 10);
        assertThat(result(store.filterOutExistingOps(asked))).as("the unknown ids and the interrupted op, in the order asked")
                .isEqualTo(result(oracle.filterOutExistingOps(asked)))
                .hasSize(41)
                .contains(interrupted);
        assertThat(result(store.retrieveOps(List.of(interrupted)))).isEmpty();
        assertThat(result(store.retrieveOps(List.of(stored.get(7))))).isEqualTo(result(oracle.retrieveOps(List.of(stored.get(7)))));
    }

    /**
     * A host may ask the filter about 10,000 ids of megabyte ops: it used to read each op's data and
     * hold it all until the answer (a service with a 256 MiB heap answered 503 with OutOfMemoryError
     * for 200 ops of 1 MiB asked 50 times each). The filter must read no data; retrieve_ops, which
     * needs it, shows that the measure sees op data when it is read.
     */
    @Test
    void theFilterReadsNoOpData() {
        CassandraOpStore store = stores.newStore(SpaceSettings.KITSUNE2_MEMORY, MicrosClock.system(), SettleWindow.NONE);
        List<byte[]> ops = new ArrayList<>();
        long storedBytes = 0;
        for (int i = 0; i < 24; i++) {
            byte[] op = Ops.memoryOp(1_000L * i, 256 * 1024, 1_000 + i, i);
            ops.add(op);
            storedBytes += op.length;
        }
        List<OpId> stored = new ArrayList<>();
        for (int from = 0; from < ops.size(); from += 4) {
            stored.addAll(result(store.processIncomingOps(ops.subList(from, from + 4))));
        }
        List<OpId> asked = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            asked.add(stored.get(i % stored.size()));
        }
        assertThat(result(store.filterOutExistingOps(asked))).isEmpty(); // warm: the first call loads classes

        long before = allocatedBytes();
        assertThat(result(store.filterOutExistingOps(asked))).isEmpty();
        long filter = allocatedBytes() - before;
        before = allocatedBytes();
        assertThat(result(store.retrieveOps(stored))).hasSize(stored.size());
        long retrieve = allocatedBytes() - before;

        assertThat(retrieve).as("bytes allocated reading the ops themselves").isGreaterThan(storedBytes);
        assertThat(filter).as("bytes allocated by the filter of 10,000 ids of %d bytes of ops", storedBytes).isLessThan(storedBytes / 8);
    }

    /** Bytes allocated so far by every live thread of this JVM (the node runs in a JVM of its own). */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return LongStream.of(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(bytes -> bytes > 0).sum();
    }
}
