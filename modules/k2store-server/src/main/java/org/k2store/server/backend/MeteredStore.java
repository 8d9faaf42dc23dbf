package org.k2store.server.backend;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;
import org.k2store.api.BoundedCursor;
import org.k2store.api.BoundedPage;
import org.k2store.api.BoundedStep;
import org.k2store.api.DecodedOp;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.PagedBoundedPages;
import org.k2store.api.PagedSliceHashes;
import org.k2store.api.PagedTimeSlices;
import org.k2store.api.SliceHash;
import org.k2store.api.SpaceSettings;
import org.k2store.api.TimeSliceCursor;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.TimeSlicePage;
import org.k2store.api.TimeSliceReader;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.CassandraOpStore;

/**
 * A space's Cassandra store with metrics: a latency timer per store method
 * ({@code k2store.store.<method>}) and a histogram of how many ids or ops each answer held
 * ({@code k2store.store.<method>.size}). Shared by all spaces' stores, so it measures the store,
 * not one space. Not final: a test extends it (through {@link org.k2store.server.StoreTuning#served})
 * to make one store call fail the way a paused Cassandra does.
 */
public class MeteredStore implements OpStore, PagedTimeSlices, PagedSliceHashes, PagedBoundedPages {

    private static final String PREFIX = "k2store.store";

    private final CassandraOpStore delegate;
    private final MetricRegistry metrics;

    public MeteredStore(CassandraOpStore delegate, MetricRegistry metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    /** The same store and metrics as {@code served}, for a test's subclass. */
    protected MeteredStore(MeteredStore served) {
        this(served.delegate, served.metrics);
    }

    public SpaceSettings settings() {
        return delegate.space().settings();
    }

    private <T> CompletableFuture<T> timed(String method, CompletableFuture<T> call, ToIntFunction<T> size) {
        Timer.Context timer = metrics.timer(MetricRegistry.name(PREFIX, method)).time();
        return call.whenComplete((value, error) -> {
            timer.stop();
            if (error == null && size != null) {
                metrics.histogram(MetricRegistry.name(PREFIX, method, "size")).update(size.applyAsInt(value));
            }
        });
    }

    private <T> CompletableFuture<T> timed(String method, CompletableFuture<T> call) {
        return timed(method, call, null);
    }

    @Override
    public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
        return timed("process_incoming_ops", delegate.processIncomingOps(ops), List::size);
    }

    /** process_incoming_ops for ops read straight from a request body; timed as process_incoming_ops. */
    public CompletableFuture<List<OpId>> processDecodedOps(List<DecodedOp> ops) {
        return timed("process_incoming_ops", delegate.processDecodedOps(ops), List::size);
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return timed("retrieve_op_hashes_in_time_slice", delegate.retrieveOpHashesInTimeSlice(arc, start, end),
                answer -> answer.opIds().size());
    }

    @Override
    public CompletableFuture<TimeSlicePage> retrieveOpHashesInTimeSlicePage(DhtArc arc, Timestamp start, Timestamp end,
            TimeSliceCursor after, int maxIds) {
        return timed("retrieve_op_hashes_in_time_slice_page", delegate.retrieveOpHashesInTimeSlicePage(arc, start, end, after, maxIds),
                page -> page.opIds().size());
    }

    /** Each page is timed as one page call, as when pages were queries from a cursor. */
    @Override
    public TimeSliceReader openTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        TimeSliceReader scan = delegate.openTimeSlice(arc, start, end);
        return maxIds -> timed("retrieve_op_hashes_in_time_slice_page", scan.nextPage(maxIds), page -> page.opIds().size());
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        return timed("retrieve_ops", delegate.retrieveOps(ids), List::size);
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        return timed("filter_out_existing_ops", delegate.filterOutExistingOps(ids), List::size);
    }

    @Override
    public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
        return timed("retrieve_op_ids_bounded", delegate.retrieveOpIdsBounded(arc, start, limitBytes), page -> page.opIds().size());
    }

    @Override
    public CompletableFuture<BoundedStep> retrieveOpIdsBoundedStep(DhtArc arc, Timestamp start, long limitBytes,
            BoundedCursor after, int maxIds) {
        return timed("retrieve_op_ids_bounded_step", delegate.retrieveOpIdsBoundedStep(arc, start, limitBytes, after, maxIds),
                step -> step.opIds().size());
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        return timed("earliest_timestamp_in_arc", delegate.earliestTimestampInArc(arc));
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        return timed("store_slice_hash", delegate.storeSliceHash(arc, sliceIndex, hash));
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return timed("slice_hash_count", delegate.sliceHashCount(arc));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        return timed("retrieve_slice_hash", delegate.retrieveSliceHash(arc, sliceIndex));
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return timed("retrieve_slice_hashes", delegate.retrieveSliceHashes(arc), List::size);
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashesFrom(DhtArc arc, long fromIndex, int limit) {
        return timed("retrieve_slice_hashes_page", delegate.retrieveSliceHashesFrom(arc, fromIndex, limit), List::size);
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return timed("query_total_op_count", delegate.queryTotalOpCount());
    }
}
