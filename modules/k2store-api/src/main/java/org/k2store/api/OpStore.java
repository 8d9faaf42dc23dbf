package org.k2store.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * kitsune2's {@code OpStore} trait for ONE space: what gossip, fetch and publish need to persist and
 * find DHT ops. Every method is asynchronous and thread-safe. Errors arrive as a failed future
 * carrying a {@link K2StoreException} ({@link InvalidInputException} for what a caller got wrong);
 * a method never throws them directly.
 *
 * <p>The exact semantics (bounds, orders, first write wins, bookmarks) are those of
 * {@code shared/spec/opstore-contract.md}; the memory store is the executable reference.
 */
public interface OpStore {

    /**
     * Decodes every op first (one malformed op fails the call and stores nothing), stores the new
     * ones with {@code stored_at = now} (the first record of an id wins, its metadata included), and returns the id of
     * every input op in input order, duplicates and already-stored ops included.
     */
    CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops);

    /**
     * Ids of ops in {@code arc} with {@code start <= created_at < end}, ascending by
     * {@code (created_at, id)}, with their summed size (saturating u32). No byte limit.
     */
    CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end);

    /**
     * The stored ops among {@code ids}, in input order; unknown ids skipped, duplicates repeated. Each
     * carries the metadata its first record came with (kitsune2 0.5's {@code IncomingOp.metadata}), if any.
     */
    CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids);

    /** The ids among {@code ids} that are NOT stored, in input order, duplicates kept. */
    CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids);

    /**
     * Ids of ops in {@code arc} with {@code stored_at >= start}, ascending by {@code stored_at}, taken
     * while they fit {@code limitBytes} (a u32) and stopping at the first that does not. {@code next}
     * is that op's {@code stored_at}, or the call's start time when everything fitted, in both cases
     * lagged by the store's settle window so a caller never skips an op still becoming visible.
     */
    CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes);

    /** The least {@code created_at} in {@code arc}, or empty when the arc holds no op. */
    CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc);

    /** Upserts the hash of slice {@code sliceIndex} (a u64) of exactly {@code arc}; empty hashes are refused. */
    CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash);

    /** The highest stored slice index of {@code arc} + 1 (u64), or 0: not a row count. */
    CompletableFuture<Long> sliceHashCount(DhtArc arc);

    /** Exactly the stored hash of {@code (arc, sliceIndex)}, or empty. */
    CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex);

    /** Every stored slice hash of {@code arc}, ascending by unsigned index. */
    CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc);

    /** The number of distinct ops stored (kitsune2 0.4). */
    CompletableFuture<Long> queryTotalOpCount();
}
