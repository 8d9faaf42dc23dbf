package org.k2store.cassandra;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.k2store.api.DecodedOp;

/**
 * Groups the concurrent process_incoming_ops calls of one space into shared writes. A write costs a
 * few round trips and requests whatever its size, and kitsune2 sends most ops one per call, so
 * sixteen one-op calls written apart cost sixteen times what they cost together. At most
 * {@code lanes} groups of a space are in flight; a call arriving while all are busy waits and goes
 * with the calls that arrived meanwhile, up to {@code groupOps} ops. An idle space writes a call at
 * once: a lone caller never waits for company.
 *
 * <p>Calls of {@code groupOps} ops or more, and calls that would take the waiting ops past
 * {@code maxWaitingOps}, are written on their own at once (the driver's throttler still bounds
 * them): they gain nothing from a group, and the queue stays bounded whatever callers send.
 * A group's ops keep the order of their calls, so each call's ops get increasing stored_at stamps;
 * a failed group fails each of its calls, which a retry repeats safely.
 */
final class IngestGroups {

    private final int lanes;
    private final int groupOps;
    private final int maxWaitingOps;
    private final Function<List<DecodedOp>, CompletableFuture<Void>> write;
    private final Executor executor;
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    private int waitingOps;
    private int inFlight;

    IngestGroups(int lanes, int groupOps, int maxWaitingOps, Function<List<DecodedOp>, CompletableFuture<Void>> write, Executor executor) {
        this.lanes = lanes;
        this.groupOps = groupOps;
        this.maxWaitingOps = maxWaitingOps;
        this.write = write;
        this.executor = executor;
    }

    /**
     * The groups of one space as {@code config} sets them. Waiting calls hold their ops in memory:
     * past 16 full groups a call is written on its own.
     */
    static IngestGroups of(CassandraStoreConfig config, Function<List<DecodedOp>, CompletableFuture<Void>> write, Executor executor) {
        return new IngestGroups(config.getIngestLanes(), config.getIngestGroupOps(), config.getIngestGroupOps() * 16, write, executor);
    }

    /** Completes when every op of {@code ops} is stored, alone or with others. */
    CompletableFuture<Void> store(List<DecodedOp> ops) {
        Call call = new Call(ops, new CompletableFuture<>());
        List<Call> group;
        synchronized (this) {
            if (ops.size() >= groupOps || waitingOps + ops.size() > maxWaitingOps) {
                group = null;
            } else {
                waiting.add(call);
                waitingOps += ops.size();
                if (inFlight >= lanes) {
                    return call.done;
                }
                inFlight++;
                group = take();
            }
        }
        if (group == null) {
            return writeSafely(ops);
        }
        run(group);
        return call.done;
    }

    /** Calls waiting for a lane now (for tests). */
    synchronized int waitingCalls() {
        return waiting.size();
    }

    /** The next group: waiting calls in arrival order while they fit in groupOps (always at least one). */
    private List<Call> take() {
        List<Call> group = new ArrayList<>();
        int ops = 0;
        while (!waiting.isEmpty() && (group.isEmpty() || ops + waiting.peek().ops.size() <= groupOps)) {
            Call next = waiting.poll();
            group.add(next);
            ops += next.ops.size();
        }
        waitingOps -= ops;
        return group;
    }

    private void run(List<Call> group) {
        List<DecodedOp> ops = new ArrayList<>();
        group.forEach(call -> ops.addAll(call.ops));
        writeSafely(ops).whenComplete((ignored, failure) -> {
            for (Call call : group) {
                if (failure == null) {
                    call.done.complete(null);
                } else {
                    call.done.completeExceptionally(failure);
                }
            }
            List<Call> next;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    inFlight--;
                    return;
                }
                next = take();
            }
            // Off the driver's I/O thread that completed the last write: building a group is real work.
            try {
                executor.execute(() -> run(next));
            } catch (RejectedExecutionException shutDown) {
                run(next);
            }
        });
    }

    private CompletableFuture<Void> writeSafely(List<DecodedOp> ops) {
        try {
            return write.apply(ops);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private record Call(List<DecodedOp> ops, CompletableFuture<Void> done) {
    }
}
