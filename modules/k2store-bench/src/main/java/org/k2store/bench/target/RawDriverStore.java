package org.k2store.bench.target;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.k2store.api.BoundedPage;
import org.k2store.api.DecodedOp;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoredAtSequence;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.api.async.FanOut;

/**
 * The hardware limit: the same mutations and partition reads k2store makes, straight through the
 * driver, with none of k2store's logic. Ingest is the {@code plain-same-rows} target's: the five row
 * writes per op of k2store's write design ({@link PlainRowWrites}: ops_by_id UPDATE USING TIMESTAMP with
 * claims, fine and coarse ops_by_created, coarse ops_by_stored, the indexed flag) as plain async
 * statements fired together (no read-before-write, no ordering between them, no batches, no bucket
 * markers; it no longer uses the old INSERT ... IF NOT EXISTS claim); reads fetch the partitions
 * of the arc's buckets directly (no bucket index for short ranges, no k-way merge, no budget): a
 * FULL-arc answer is the partitions' rows concatenated, not in contract order. Same statements,
 * same consistency, same page size, same concurrency cap as k2store's fan-out.
 */
final class RawDriverStore implements OpStore {

    private static final long CREATED_BUCKET = 128L * 3600 * 1_000_000;
    private static final long STORED_BUCKET = 3600L * 1_000_000;
    private static final int FINE_SHIFT = PlainRowWrites.FINE_SHIFT;
    private static final int COARSE_SHIFT = PlainRowWrites.COARSE_SHIFT;
    private static final int WIDE_ARC_FINE_BUCKETS = 32;

    private final CqlSession session;
    private final RawStatements cql;
    private final PlainRowWrites writes;
    private final UUID space;
    private final SpaceSettings settings;
    private final MicrosClock clock;
    private final StoredAtSequence storedAt;
    private final int fanOut;
    private final int pageSize;

    RawDriverStore(CqlSession session, RawStatements cql, PlainRowWrites writes, UUID space, SpaceSettings settings, MicrosClock clock, int fanOut, int pageSize) {
        this.session = session;
        this.cql = cql;
        this.writes = writes;
        this.space = space;
        this.settings = settings;
        this.clock = clock;
        this.storedAt = new StoredAtSequence(clock);
        this.fanOut = fanOut;
        this.pageSize = pageSize;
    }

    /** The plain-same-rows writes (shared with that target): five plain row writes per op, fired together, no reads, no batches. */
    @Override
    public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
        return writes.process(space, settings, storedAt, ops);
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        long from = start.micros();
        long to = end.micros();
        List<Supplier<CompletableFuture<List<Row>>>> reads = new ArrayList<>();
        byte grain = grainFor(arc);
        for (int bucket : buckets(arc, grain)) {
            for (long time = Math.floorDiv(from, CREATED_BUCKET); time <= Math.floorDiv(to - 1, CREATED_BUCKET); time++) {
                BoundStatement scan = cql.scanCreatedBetween.bind(space, grain, bucket, time, from, to).setPageSize(pageSize);
                reads.add(() -> readAll(scan));
            }
        }
        return FanOut.all(reads, fanOut, ForkJoinPool.commonPool()).thenApply(partitions -> {
            List<OpId> ids = new ArrayList<>();
            long total = 0;
            for (List<Row> rows : partitions) {
                for (Row row : rows) {
                    if (arc.contains(row.getInt(2))) {
                        ids.add(OpId.of(bytes(row.getByteBuffer(1))));
                        total += row.getInt(3);
                    }
                }
            }
            return new TimeSliceHashes(ids, Math.min(total, 0xFFFF_FFFFL));
        });
    }

    @Override
    public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
        long now = clock.nowMicros();
        List<Supplier<CompletableFuture<List<Row>>>> reads = new ArrayList<>();
        byte grain = 1; // the stored_at index is written at the coarse grain only
        for (int bucket : buckets(arc, grain)) {
            for (long time = Math.floorDiv(start.micros(), STORED_BUCKET); time <= Math.floorDiv(now, STORED_BUCKET); time++) {
                BoundStatement scan = cql.scanStoredFrom.bind(space, grain, bucket, time, start.micros()).setPageSize(pageSize);
                reads.add(() -> readAll(scan));
            }
        }
        return FanOut.all(reads, fanOut, ForkJoinPool.commonPool()).thenApply(partitions -> {
            List<OpId> ids = new ArrayList<>();
            long total = 0;
            for (List<Row> rows : partitions) {
                for (Row row : rows) {
                    if (arc.contains(row.getInt(2))) {
                        ids.add(OpId.of(bytes(row.getByteBuffer(1))));
                        total += row.getInt(3);
                    }
                }
            }
            return new BoundedPage(ids, Math.min(total, 0xFFFF_FFFFL), new Timestamp(now));
        });
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        byte grain = grainFor(arc);
        List<Supplier<CompletableFuture<Optional<Timestamp>>>> reads = new ArrayList<>();
        for (int bucket : buckets(arc, grain)) {
            reads.add(() -> execute(cql.selectBuckets.bind(space, RawStatements.CREATED, grain, bucket, Long.MIN_VALUE, Long.MAX_VALUE)
                    .setPageSize(1)).thenCompose(first -> {
                        Row marker = first.one();
                        if (marker == null) {
                            return CompletableFuture.completedFuture(Optional.empty());
                        }
                        return execute(cql.scanCreatedFrom.bind(space, grain, bucket, marker.getLong(0), Long.MIN_VALUE).setPageSize(1))
                                .thenApply(rows -> Optional.ofNullable(rows.one()).map(row -> new Timestamp(row.getLong(0))));
                    }));
        }
        return FanOut.all(reads, fanOut, ForkJoinPool.commonPool()).thenApply(found -> found.stream().flatMap(Optional::stream).min(Timestamp::compareTo));
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        List<Supplier<CompletableFuture<Optional<MetaOp>>>> reads = new ArrayList<>(ids.size());
        for (OpId id : ids) {
            reads.add(() -> execute(cql.selectOpData.bind(space, ByteBuffer.wrap(id.toBytes())))
                    .thenApply(rows -> Optional.ofNullable(rows.one()).map(row -> new MetaOp(id, bytes(row.getByteBuffer(0))))));
        }
        return FanOut.all(reads, fanOut, ForkJoinPool.commonPool()).thenApply(found -> found.stream().flatMap(Optional::stream).toList());
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        List<Supplier<CompletableFuture<Boolean>>> reads = new ArrayList<>(ids.size());
        for (OpId id : ids) {
            reads.add(() -> execute(cql.selectOpState.bind(space, ByteBuffer.wrap(id.toBytes()))).thenApply(rows -> rows.one() != null));
        }
        return FanOut.all(reads, fanOut, ForkJoinPool.commonPool()).thenApply(stored -> {
            List<OpId> missing = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!stored.get(i)) {
                    missing.add(ids.get(i));
                }
            }
            return missing;
        });
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        return execute(cql.upsertSliceHash.bind(space, arc.toString(), sliceIndex ^ Long.MIN_VALUE, ByteBuffer.wrap(hash))).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return execute(cql.selectHighestSlice.bind(space, arc.toString()))
                .thenApply(rows -> Optional.ofNullable(rows.one()).map(row -> SliceIndexes.countAfter(row.getLong(0) ^ Long.MIN_VALUE)).orElse(0L));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("the raw baseline does not serve retrieve_slice_hash"));
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return readAll(cql.selectSliceHashes.bind(space, arc.toString()).setPageSize(pageSize)).thenApply(rows -> rows.stream()
                .map(row -> new SliceHash(row.getLong(0) ^ Long.MIN_VALUE, bytes(row.getByteBuffer(1)))).toList());
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("the raw baseline keeps no op count"));
    }

    private CompletableFuture<AsyncResultSet> execute(BoundStatement statement) {
        return session.executeAsync(statement).toCompletableFuture();
    }

    /** Every row of a partition scan, page by page (paging is explicit in the async API). */
    private CompletableFuture<List<Row>> readAll(BoundStatement statement) {
        return execute(statement).thenCompose(page -> collect(page, new ArrayList<>()));
    }

    private static CompletableFuture<List<Row>> collect(AsyncResultSet page, List<Row> rows) {
        page.currentPage().forEach(rows::add);
        if (page.hasMorePages()) {
            return page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, rows));
        }
        return CompletableFuture.completedFuture(rows);
    }

    private static byte grainFor(DhtArc arc) {
        return buckets(arc, (byte) 0).size() > WIDE_ARC_FINE_BUCKETS ? (byte) 1 : (byte) 0;
    }

    private static int bucketOf(byte grain, int location) {
        return location >>> (grain == 0 ? FINE_SHIFT : COARSE_SHIFT);
    }

    /** The location buckets of {@code grain} the (non-wrapping, non-empty) arc touches. */
    private static List<Integer> buckets(DhtArc arc, byte grain) {
        int shift = grain == 0 ? FINE_SHIFT : COARSE_SHIFT;
        List<Integer> buckets = new ArrayList<>();
        for (long b = arc.start() >>> shift; b <= arc.end() >>> shift; b++) {
            buckets.add((int) b);
        }
        return buckets;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
