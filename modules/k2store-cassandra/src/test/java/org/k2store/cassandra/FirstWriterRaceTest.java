package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.k2store.testkit.Await.result;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.codec.OpCodec;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.LocationScheme;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.testkit.Ops;

/**
 * First write wins without Paxos: two service nodes (two sessions, each its own write-timestamp tag
 * and its own memory of stored ops) store the same op ids at the same moment with different
 * payloads. Whatever the interleaving, every op ends with one set of values, read alike through
 * both nodes, one row in each index, and an exact count. The test keeps racing until the
 * reconciling path has run, so it proves that path, not only the uncontended one.
 */
@ExtendWith(CassandraExtension.class)
class FirstWriterRaceTest {

    private static final SpaceSettings ENVELOPE = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32);
    private static final int OPS = 200;

    private static final AtomicInteger races = new AtomicInteger();
    private static TestStores nodeA;
    private static TestStores nodeB;

    @BeforeAll
    static void open(CassandraEndpoint endpoint) {
        QueryObserver countRaces = new QueryObserver() {
            @Override
            public void onQuery(String method, int partitions, int pages) {
            }

            @Override
            public void onWriteRaces(int reconciled) {
                races.addAndGet(reconciled);
            }
        };
        nodeA = new TestStores(endpoint, TestStores.defaults().setFanOut(64), countRaces);
        nodeB = new TestStores(endpoint, TestStores.defaults().setFanOut(64).setApplySchema(false), countRaces);
    }

    @AfterAll
    static void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void racingWritersOfOneOpLeaveOneOpWithTheFirstWritersValues() {
        MicrosClock system = MicrosClock.system();
        for (int round = 0; round < 20 && (round < 2 || races.get() == 0); round++) {
            String name = "race-" + UUID.randomUUID();
            SpaceHandle space = result(nodeA.stores.createSpace(name, ENVELOPE));
            CassandraOpStore a = nodeA.stores.store(space, system, SettleWindow.NONE);
            CassandraOpStore b = nodeB.stores.store(result(nodeB.stores.createSpace(name, ENVELOPE)), system, SettleWindow.NONE);
            List<OpId> ids = new ArrayList<>();
            List<byte[]> fromA = new ArrayList<>();
            List<byte[]> fromB = new ArrayList<>();
            for (int i = 0; i < OPS; i++) {
                OpId id = Ops.suffixId((long) i * 21_474_836L, round * 10_000L + i);
                ids.add(id);
                // Same id, different created_at and data: which writer won is visible in every answer.
                fromA.add(Ops.envelope(id, 1_000 + i, ("A" + i).getBytes(StandardCharsets.UTF_8)));
                fromB.add(Ops.envelope(id, 5_000 + i, ("B" + i).getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture<List<OpId>> storedA = a.processIncomingOps(fromA);
            CompletableFuture<List<OpId>> storedB = b.processIncomingOps(fromB);
            assertThat(result(storedA)).isEqualTo(ids);
            assertThat(result(storedB)).isEqualTo(ids);

            List<MetaOp> readA = result(a.retrieveOps(ids));
            List<MetaOp> readB = result(b.retrieveOps(ids));
            assertThat(readA).hasSize(OPS);
            assertThat(readB.stream().map(op -> new String(op.opData(), StandardCharsets.UTF_8)).toList())
                    .as("both nodes read the same winner").isEqualTo(readA.stream().map(op -> new String(op.opData(), StandardCharsets.UTF_8)).toList());

            Set<OpId> wonByA = new HashSet<>();
            for (int i = 0; i < OPS; i++) {
                String data = new String(readA.get(i).opData(), StandardCharsets.UTF_8);
                if (data.equals("A" + i)) {
                    wonByA.add(ids.get(i));
                } else {
                    assertThat(data).isEqualTo("B" + i);
                }
            }
            List<OpId> sliceA = result(b.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(1_000), new Timestamp(1_000 + OPS))).opIds();
            List<OpId> sliceB = result(a.retrieveOpHashesInTimeSlice(DhtArc.FULL, new Timestamp(5_000), new Timestamp(5_000 + OPS))).opIds();
            // One writer often wins every op (its stamps all come first), so either set may be empty.
            Set<OpId> wonByB = new HashSet<>(ids);
            wonByB.removeAll(wonByA);
            assertThat(sliceA).as("created_at rows of ops A won").doesNotHaveDuplicates();
            assertThat(new HashSet<>(sliceA)).as("created_at rows of ops A won, and only those").isEqualTo(wonByA);
            assertThat(sliceB).as("created_at rows of ops B won").doesNotHaveDuplicates();
            assertThat(new HashSet<>(sliceB)).as("created_at rows of ops B won, and only those").isEqualTo(wonByB);

            List<OpId> paged = result(a.retrieveOpIdsBounded(DhtArc.FULL, new Timestamp(0), OpSizes.U32_MAX)).opIds();
            assertThat(paged).as("one stored_at row per op").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
            assertThat(result(a.queryTotalOpCount())).isEqualTo((long) OPS);
            assertThat(result(b.queryTotalOpCount())).isEqualTo((long) OPS);
            assertStoredAtMatchesTheIndex(space.uid(), ids);
        }
        assertThat(races.get()).as("the writers raced at least once (reconciled ops)").isPositive();
    }

    /** ops_by_id's stored_at is the one the stored index lists the op at. */
    private static void assertStoredAtMatchesTheIndex(UUID space, List<OpId> ids) {
        List<Long> indexed = new ArrayList<>();
        long hour = System.currentTimeMillis() / 3_600_000L;
        for (int bucket = 0; bucket < 16; bucket++) {
            for (long timeBucket = hour - 1; timeBucket <= hour; timeBucket++) {
                for (Row row : nodeA.session.execute(SimpleStatement.newInstance("SELECT stored_at FROM " + TestStores.KEYSPACE
                        + ".ops_by_stored WHERE space_uid = ? AND grain = 1 AND loc_bucket = ? AND time_bucket = ?", space, bucket, timeBucket))) {
                    indexed.add(row.getLong(0));
                }
            }
        }
        List<Long> byId = new ArrayList<>();
        for (OpId id : ids) {
            Row row = nodeA.session.execute(SimpleStatement.newInstance("SELECT stored_at FROM " + TestStores.KEYSPACE
                    + ".ops_by_id WHERE space_uid = ? AND op_id = ?", space, ByteBuffer.wrap(id.toBytes()))).one();
            byId.add(row.getLong(0));
        }
        assertThat(indexed).as("one coarse stored_at row per op, at its ops_by_id stored_at").hasSize(ids.size())
                .containsExactlyInAnyOrderElementsOf(byId);
    }
}
