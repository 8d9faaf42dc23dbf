package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
}
