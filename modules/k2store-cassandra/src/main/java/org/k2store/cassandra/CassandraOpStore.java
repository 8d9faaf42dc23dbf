package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.k2store.api.BoundedCursor;
import org.k2store.api.BoundedPage;
import org.k2store.api.BoundedStep;
import org.k2store.api.DecodedOp;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
import org.k2store.api.K2StoreException;
import org.k2store.api.MetaOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpSizes;
import org.k2store.api.OpStore;
import org.k2store.api.PagedBoundedPages;
import org.k2store.api.PagedSliceHashes;
import org.k2store.api.PagedTimeSlices;
import org.k2store.api.TimeSliceCursor;
import org.k2store.api.TimeSlicePage;
import org.k2store.api.TimeSliceReader;
import org.k2store.api.SettleWindow;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;
import org.k2store.api.StoreUnavailableException;
import org.k2store.api.StoredAtSequence;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/**
 * The OpStore of one space on Cassandra. Input is checked here, before anything reaches Cassandra;
 * the work is done by one class per concern (writer, index queries, counter, slice hashes). Driver
 * failures become {@link StoreUnavailableException}s naming the call.
 */
public final class CassandraOpStore implements OpStore, PagedTimeSlices, PagedSliceHashes, PagedBoundedPages {

    /**
     * The longest op id this store takes. Ids are partition keys, which Cassandra caps at 65,535
     * bytes with a server error; kitsune2 and Holochain ids are 32-36 bytes. Checked before any
     * query, so an oversized id is the caller's 400, never a store failure worth retrying.
     */
    public static final int MAX_OP_ID_BYTES = 1024;

    private final SpaceHandle space;
    private final StoreContext context;
    private final MicrosClock clock;
    private final SettleWindow settleWindow;
    private final StoredAtSequence storedAt;
    private final IngestGroups ingest;
    private final IndexQueries queries;
    private final OpCounter counter;
    private final SliceHashRows sliceHashes;
    private final OpLookups lookups;
    /** This node's closed timestamps when the store stamps with the node's clock, else off. */
    private final ClosedTimestamps closedTimestamps;

    CassandraOpStore(SpaceHandle space, StoreContext context, MicrosClock clock, SettleWindow settleWindow, ClosedTimestamps closedTimestamps,
            SealBacklog seals) {
        this.space = space;
        this.context = context;
        this.clock = clock;
        this.settleWindow = settleWindow;
        this.storedAt = new StoredAtSequence(clock);
        this.closedTimestamps = closedTimestamps;
        this.queries = new IndexQueries(context, settleWindow);
        OpWriter writer = new OpWriter(context, settleWindow.micros(), closedTimestamps,
                unsealed -> seals.touched(space, queries.sealedSlices(), unsealed));
        this.ingest = IngestGroups.of(context.config, ops -> writer.store(space, ops, storedAt), context.executor);
        this.counter = new OpCounter(context, clock, settleWindow.micros());
        this.sliceHashes = new SliceHashRows(context);
        this.lookups = new OpLookups(context);
    }

    public SpaceHandle space() {
        return space;
    }

    @Override
    public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
        return call("process_incoming_ops", () -> {
            require(ops, "ops");
            List<DecodedOp> decoded = new ArrayList<>(ops.size());
            for (int i = 0; i < ops.size(); i++) {
                DecodedOp op = space.settings().decode(ops.get(i), "ops[" + i + "]");
                checkIdLength(op.opId(), "ops[" + i + "].op_id");
                decoded.add(op);
            }
            return store(decoded);
        });
    }

    /**
     * process_incoming_ops for ops the caller already decoded with this space's codec (the service
     * reads envelope objects straight from its request body): the same checks and guarantees,
     * without encoding the ops to bytes only to parse them again.
     */
    public CompletableFuture<List<OpId>> processDecodedOps(List<DecodedOp> ops) {
        return call("process_incoming_ops", () -> {
            require(ops, "ops");
            for (int i = 0; i < ops.size(); i++) {
                require(ops.get(i), "ops[" + i + "]");
                space.settings().validated(ops.get(i), "ops[" + i + "]");
                checkIdLength(ops.get(i).opId(), "ops[" + i + "].op_id");
            }
            return store(List.copyOf(ops));
        });
    }

    private CompletableFuture<List<OpId>> store(List<DecodedOp> decoded) {
        List<OpId> ids = decoded.stream().map(DecodedOp::opId).toList();
        return ingest.store(decoded).thenApply(done -> {
            counter.afterWrite(space.uid());
            return ids;
        });
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return call("retrieve_op_hashes_in_time_slice", () -> {
            require(arc, "arc");
            require(start, "start");
            require(end, "end");
            return queries.timeSlice(space.uid(), arc, start.micros(), end.micros());
        });
    }

    @Override
    public CompletableFuture<TimeSlicePage> retrieveOpHashesInTimeSlicePage(DhtArc arc, Timestamp start, Timestamp end,
            TimeSliceCursor after, int maxIds) {
        return call("retrieve_op_hashes_in_time_slice", () -> {
            require(arc, "arc");
            require(start, "start");
            require(end, "end");
            if (maxIds < 1) {
                throw new InvalidInputException("max_ids: must be at least 1, got " + maxIds);
            }
            return queries.timeSlicePage(space.uid(), arc, start.micros(), end.micros(), after, maxIds);
        });
    }

    /** The slice as one merge kept open between pages, so each page reads on from where the last stopped. */
    @Override
    public TimeSliceReader openTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        require(arc, "arc");
        require(start, "start");
        require(end, "end");
        TimeSliceReader scan = queries.openTimeSlice(space.uid(), arc, start.micros(), end.micros(), null);
        return maxIds -> call("retrieve_op_hashes_in_time_slice", () -> {
            if (maxIds < 1) {
                throw new InvalidInputException("max_ids: must be at least 1, got " + maxIds);
            }
            return scan.nextPage(maxIds);
        });
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        return call("retrieve_ops", () -> {
            requireIds(ids);
            return lookups.ops(space, ids).thenApply(found -> {
                List<MetaOp> ops = new ArrayList<>();
                for (OpId id : ids) {
                    MetaOp op = found.get(id);
                    if (op != null) {
                        ops.add(op);
                    }
                }
                return ops;
            });
        });
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        return call("filter_out_existing_ops", () -> {
            requireIds(ids);
            return lookups.present(space, ids).thenApply(present -> ids.stream().filter(id -> !present.contains(id)).toList());
        });
    }

    @Override
    public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
        return retrieveOpIdsBoundedStep(arc, start, limitBytes, null, Integer.MAX_VALUE)
                .thenApply(step -> new BoundedPage(step.opIds(), step.totalBytes(), step.next()));
    }

    @Override
    public CompletableFuture<BoundedStep> retrieveOpIdsBoundedStep(DhtArc arc, Timestamp start, long limitBytes,
            BoundedCursor after, int maxIds) {
        return call("retrieve_op_ids_bounded", () -> {
            require(arc, "arc");
            require(start, "start");
            OpSizes.checkLimit(limitBytes, "limit_bytes");
            if (maxIds < 1) {
                throw new InvalidInputException("max_ids: must be at least 1, got " + maxIds);
            }
            Timestamp callStart = after == null ? clock.now() : after.callStart();
            if (arc.isEmpty()) {
                return CompletableFuture.completedFuture(new BoundedStep(List.of(), 0, callStart, null));
            }
            long taken = after == null ? 0 : after.takenBytes();
            List<OpId> ids = new ArrayList<>();
            long[] total = {0};
            Timestamp[] firstNotFitting = {null};
            BoundedCursor[] resume = {null};
            IndexRow[] last = {null};
            // Stamps of a big batch may run ahead of the clock; read far enough to see this node's own.
            long until = Math.max(callStart.micros(), storedAt.last());
            long from = after == null ? start.micros() : after.storedAt().micros();
            return queries.storedFrom(space.uid(), arc, from, until, row -> {
                if (after != null && !after.isBefore(row.time(), row.opId())) {
                    return true; // taken by an earlier step: same stored_at, id not after the cursor's
                }
                if (taken + total[0] + row.size() > limitBytes) {
                    firstNotFitting[0] = new Timestamp(row.time());
                    return false;
                }
                if (ids.size() == maxIds) {
                    resume[0] = new BoundedCursor(callStart, taken + total[0], new Timestamp(last[0].time()), last[0].opId());
                    return false;
                }
                ids.add(row.opId());
                total[0] += row.size();
                last[0] = row;
                return true;
            }).thenApply(stopped -> resume[0] != null
                    ? new BoundedStep(ids, total[0], null, resume[0])
                    : new BoundedStep(ids, total[0], settleWindow.bookmark(callStart, firstNotFitting[0],
                            closedTimestamps.safeMicros(callStart.micros())), null));
        });
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        return call("earliest_timestamp_in_arc", () -> {
            require(arc, "arc");
            return queries.earliest(space.uid(), arc).thenApply(found -> found.map(Timestamp::new));
        });
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        return call("store_slice_hash", () -> {
            require(arc, "arc");
            SliceIndexes.checkHash(hash);
            return sliceHashes.store(space.uid(), arc, sliceIndex, hash);
        });
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return call("slice_hash_count", () -> {
            require(arc, "arc");
            return sliceHashes.count(space.uid(), arc);
        });
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        return call("retrieve_slice_hash", () -> {
            require(arc, "arc");
            return sliceHashes.get(space.uid(), arc, sliceIndex);
        });
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return call("retrieve_slice_hashes", () -> {
            require(arc, "arc");
            return sliceHashes.all(space.uid(), arc);
        });
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashesFrom(DhtArc arc, long fromIndex, int limit) {
        return call("retrieve_slice_hashes_page", () -> {
            require(arc, "arc");
            if (limit < 1) {
                throw new InvalidInputException("limit: must be at least 1, got " + limit);
            }
            return sliceHashes.from(space.uid(), arc, fromIndex, limit);
        });
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return call("query_total_op_count", () -> counter.count(space.uid()));
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidInputException(field + ": missing");
        }
    }

    private static void requireIds(List<OpId> ids) {
        require(ids, "op_ids");
        for (int i = 0; i < ids.size(); i++) {
            require(ids.get(i), "op_ids[" + i + "]");
            checkIdLength(ids.get(i), "op_ids[" + i + "]");
        }
    }

    private static void checkIdLength(OpId id, String field) {
        if (id.length() > MAX_OP_ID_BYTES) {
            throw new InvalidInputException(field + ": op id is " + id.length() + " bytes, above this store's limit of " + MAX_OP_ID_BYTES);
        }
    }

    /** Runs a call: input errors and driver failures both arrive as a failed future of the API's types. */
    private <T> CompletableFuture<T> call(String method, Supplier<CompletableFuture<T>> body) {
        CompletableFuture<T> future;
        try {
            future = body.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> translated = new CompletableFuture<>();
        future.whenComplete((value, error) -> {
            if (error == null) {
                translated.complete(value);
            } else {
                translated.completeExceptionally(translate(method, error));
            }
        });
        return translated;
    }

    static Throwable translate(String method, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof K2StoreException) {
            return cause;
        }
        if (cause instanceof DriverTimeoutException || cause instanceof AllNodesFailedException
                || cause instanceof UnavailableException || cause instanceof QueryConsistencyException
                || cause instanceof RequestThrottlingException || cause instanceof NodeUnavailableException) {
            return new StoreUnavailableException(method + ": Cassandra did not answer (" + cause.getMessage() + ")", cause);
        }
        if (cause instanceof DriverException) {
            return new K2StoreException(method + ": Cassandra failed (" + cause.getMessage() + ")", cause);
        }
        return cause;
    }
}
