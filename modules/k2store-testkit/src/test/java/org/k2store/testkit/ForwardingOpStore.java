package org.k2store.testkit;

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

/** Passes every call through; the broken stores below override one method each. */
class ForwardingOpStore implements OpStore {

    protected final OpStore delegate;

    ForwardingOpStore(OpStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
        return delegate.processIncomingOps(ops);
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return delegate.retrieveOpHashesInTimeSlice(arc, start, end);
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        return delegate.retrieveOps(ids);
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        return delegate.filterOutExistingOps(ids);
    }

    @Override
    public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
        return delegate.retrieveOpIdsBounded(arc, start, limitBytes);
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        return delegate.earliestTimestampInArc(arc);
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        return delegate.storeSliceHash(arc, sliceIndex, hash);
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return delegate.sliceHashCount(arc);
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        return delegate.retrieveSliceHash(arc, sliceIndex);
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return delegate.retrieveSliceHashes(arc);
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return delegate.queryTotalOpCount();
    }
}
