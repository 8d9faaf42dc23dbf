package org.k2store.bench.target;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/** An ingest limit: only process_incoming_ops; every other call fails (read workloads skip these targets). */
abstract class IngestOnlyStore implements OpStore {

    private <T> CompletableFuture<T> unsupported(String call) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getSimpleName() + " only ingests: " + call));
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return unsupported("retrieve_op_hashes_in_time_slice");
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        return unsupported("retrieve_ops");
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        return unsupported("filter_out_existing_ops");
    }

    @Override
    public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
        return unsupported("retrieve_op_ids_bounded");
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        return unsupported("earliest_timestamp_in_arc");
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        return unsupported("store_slice_hash");
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return unsupported("slice_hash_count");
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        return unsupported("retrieve_slice_hash");
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return unsupported("retrieve_slice_hashes");
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return unsupported("query_total_op_count");
    }
}
