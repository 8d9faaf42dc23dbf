package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.k2store.api.DecodedOp;
import org.k2store.api.OpId;
import org.k2store.api.Timestamp;

/**
 * How concurrent calls share writes: the grouping rules alone, with writes the test completes by
 * hand (what the writes do to Cassandra is the conformance suite's business).
 */
class IngestGroupsTest {

    /** Every write asked for, in order, each completed when the test says. */
    private final List<List<String>> writes = new ArrayList<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();

    private IngestGroups groups(int lanes, int groupOps, int maxWaitingOps) {
        return new IngestGroups(lanes, groupOps, maxWaitingOps, this::write, Runnable::run);
    }

    private CompletableFuture<Void> write(List<DecodedOp> ops) {
        writes.add(ops.stream().map(op -> new String(op.opId().toBytes(), StandardCharsets.US_ASCII)).toList());
        CompletableFuture<Void> write = new CompletableFuture<>();
        pending.add(write);
        return write;
    }

    private static List<DecodedOp> ops(String... ids) {
        return java.util.Arrays.stream(ids)
                .map(id -> new DecodedOp(OpId.of(id.getBytes(StandardCharsets.US_ASCII)), Timestamp.ofMicros(1), new byte[1], 1))
                .toList();
    }

    @Test
    void aCallToAnIdleSpaceIsWrittenAtOnceAndAlone() {
        IngestGroups groups = groups(2, 100, 1000);
        CompletableFuture<Void> call = groups.store(ops("a"));
        assertThat(writes).containsExactly(List.of("a"));
        assertThat(call).isNotDone();
        pending.get(0).complete(null);
        assertThat(call).isCompleted();
    }

    @Test
    void callsArrivingWhileEveryLaneIsBusyGoTogetherInArrivalOrder() {
        IngestGroups groups = groups(2, 100, 1000);
        CompletableFuture<Void> first = groups.store(ops("a"));
        CompletableFuture<Void> second = groups.store(ops("b"));
        CompletableFuture<Void> third = groups.store(ops("c", "d"));
        CompletableFuture<Void> fourth = groups.store(ops("e"));
        assertThat(writes).containsExactly(List.of("a"), List.of("b"));
        assertThat(groups.waitingCalls()).isEqualTo(2);

        pending.get(1).complete(null); // a lane frees: everything waiting goes as one write
        assertThat(second).isCompleted();
        assertThat(first).isNotDone();
        assertThat(writes).containsExactly(List.of("a"), List.of("b"), List.of("c", "d", "e"));
        assertThat(third).isNotDone();
        pending.get(2).complete(null);
        assertThat(third).isCompleted();
        assertThat(fourth).isCompleted();
        assertThat(groups.waitingCalls()).isZero();
    }

    @Test
    void aGroupHoldsAtMostGroupOpsAndALargeCallIsNotHeldBack() {
        IngestGroups groups = groups(1, 3, 1000);
        groups.store(ops("a"));
        groups.store(ops("b", "c"));
        groups.store(ops("d", "e"));
        groups.store(ops("f", "g", "h")); // as large as a group: written at once, beside the busy lane
        assertThat(writes).containsExactly(List.of("a"), List.of("f", "g", "h"));

        pending.get(0).complete(null);
        assertThat(writes).last().isEqualTo(List.of("b", "c")); // d, e would pass the cap of 3
        pending.get(2).complete(null);
        assertThat(writes).last().isEqualTo(List.of("d", "e"));
    }

    @Test
    void withTheDefaultSettingsFullBatchesOfManyWritersShareTheLanes() {
        // 64 writers of 100-op batches made 64 interleaved writes and lost a fifth of the throughput
        // of 16; with the defaults they wait for one of the space's lanes and go together.
        CassandraStoreConfig defaults = new CassandraStoreConfig();
        int lanes = defaults.getIngestLanes();
        IngestGroups groups = IngestGroups.of(defaults, this::write, Runnable::run);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int writer = 0; writer < 64; writer++) {
            String prefix = "w" + writer + "-";
            calls.add(groups.store(ops(IntStream.range(0, 100).mapToObj(i -> prefix + i).toArray(String[]::new))));
        }
        assertThat(writes).hasSize(lanes);
        assertThat(groups.waitingCalls()).isEqualTo(64 - lanes);

        pending.get(0).complete(null);
        assertThat(writes).hasSize(lanes + 1);
        List<String> shared = writes.get(lanes);
        assertThat(shared).hasSize(defaults.getIngestGroupOps()).startsWith("w" + lanes + "-0").endsWith("w" + (lanes + shared.size() / 100 - 1) + "-99");
        assertThat(calls.get(lanes)).isNotDone();
        pending.get(lanes).complete(null);
        assertThat(calls.subList(lanes, lanes + shared.size() / 100)).allMatch(CompletableFuture::isDone);
    }

    @Test
    void aFailedGroupFailsEachOfItsCallsAndTheNextGroupStillGoes() {
        IngestGroups groups = groups(1, 100, 1000);
        CompletableFuture<Void> alone = groups.store(ops("a"));
        CompletableFuture<Void> b = groups.store(ops("b"));
        CompletableFuture<Void> c = groups.store(ops("c"));
        pending.get(0).complete(null);
        CompletableFuture<Void> d = groups.store(ops("d"));
        pending.get(1).completeExceptionally(new IllegalStateException("node down"));

        assertThat(alone).isCompleted();
        for (CompletableFuture<Void> failed : List.of(b, c)) {
            assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("node down");
        }
        assertThat(writes).last().isEqualTo(List.of("d"));
        pending.get(2).complete(null);
        assertThat(d).isCompleted();
    }

    @Test
    void aWriteThatThrowsFailsItsCallsInsteadOfStallingTheLane() {
        List<Integer> sizes = new ArrayList<>();
        IngestGroups groups = new IngestGroups(1, 100, 1000, ops -> {
            sizes.add(ops.size());
            throw new IllegalArgumentException("bad batch");
        }, Runnable::run);
        assertThatThrownBy(groups.store(ops("a"))::get).hasRootCauseMessage("bad batch");
        assertThatThrownBy(groups.store(ops("b"))::get).hasRootCauseMessage("bad batch");
        assertThat(sizes).containsExactly(1, 1);
    }

    @Test
    void pastTheWaitingBoundCallsAreWrittenOnTheirOwn() {
        IngestGroups groups = groups(1, 100, 3);
        groups.store(ops("busy"));
        IntStream.range(0, 3).forEach(i -> groups.store(ops("w" + i)));
        assertThat(groups.waitingCalls()).isEqualTo(3);
        groups.store(ops("over"));
        assertThat(groups.waitingCalls()).isEqualTo(3);
        assertThat(writes).containsExactly(List.of("busy"), List.of("over"));
    }
}
