package org.k2store.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.k2store.api.BoundedCursor;
import org.k2store.api.BoundedPage;
import org.k2store.api.BoundedStep;
import org.k2store.api.DecodedOp;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
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
import org.k2store.api.SettleWindow;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;
import org.k2store.api.SpaceSettings;
import org.k2store.api.StoredAtSequence;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/**
 * The reference OpStore of one space, in memory. It is the oracle: clarity of the contract's
 * semantics beats speed, but it keeps two ordered indexes so that it also serves as the
 * in-process upper bound in benchmarks. One read-write lock makes every call atomic.
 */
public final class MemoryOpStore implements OpStore, PagedTimeSlices, PagedSliceHashes, PagedBoundedPages {

    private static final OpId LOWEST_ID = OpId.of(new byte[0]);

    private final SpaceSettings settings;
    private final MicrosClock clock;
    private final StoredAtSequence storedAt;
    private final SettleWindow settleWindow;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<OpId, StoredRecord> ops = new HashMap<>();
    private final NavigableSet<StoredRecord> byCreatedAt = new TreeSet<>(StoredRecord.BY_CREATED_AT);
    private final NavigableSet<StoredRecord> byStoredAt = new TreeSet<>(StoredRecord.BY_STORED_AT);
    private final Map<DhtArc, TreeMap<Long, byte[]>> sliceHashes = new HashMap<>();

    public MemoryOpStore(SpaceSettings settings, MicrosClock clock, SettleWindow settleWindow) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.storedAt = new StoredAtSequence(clock);
        this.settleWindow = Objects.requireNonNull(settleWindow, "settleWindow");
    }

    public MemoryOpStore(SpaceSettings settings, MicrosClock clock) {
        this(settings, clock, SettleWindow.NONE);
    }

    public MemoryOpStore(SpaceSettings settings) {
        this(settings, MicrosClock.system());
    }

    @Override
    public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> raw) {
        return call(() -> {
            requireArgument(raw, "ops");
            List<DecodedOp> decoded = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                decoded.add(settings.decode(raw.get(i), "ops[" + i + "]"));
            }
            List<OpId> ids = new ArrayList<>(decoded.size());
            Map<OpId, DecodedOp> fresh = new LinkedHashMap<>();
            lock.writeLock().lock();
            try {
                for (DecodedOp op : decoded) {
                    ids.add(op.opId());
                    if (!ops.containsKey(op.opId())) {
                        fresh.putIfAbsent(op.opId(), op); // the first record of an id wins
                    }
                }
                long stamp = storedAt.reserve(fresh.size());
                for (DecodedOp op : fresh.values()) {
                    StoredRecord record = new StoredRecord(op.opId(), settings.locationOf(op.opId()),
                            op.createdAt().micros(), stamp++, op.storedBytes().clone(), op.size(),
                            op.metadata() == null ? null : op.metadata().clone());
                    ops.put(record.id(), record);
                    byCreatedAt.add(record);
                    byStoredAt.add(record);
                }
            } finally {
                lock.writeLock().unlock();
            }
            return ids;
        });
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return call(() -> {
            requireArgument(arc, "arc");
            requireArgument(start, "start");
            requireArgument(end, "end");
            List<OpId> ids = new ArrayList<>();
            long total = 0;
            if (start.compareTo(end) >= 0) {
                return new TimeSliceHashes(ids, 0);
            }
            lock.readLock().lock();
            try {
                for (StoredRecord record : byCreatedAt.subSet(probe(start.micros(), 0), true, probe(end.micros(), 0), false)) {
                    if (arc.contains(record.location())) {
                        ids.add(record.id());
                        total = OpSizes.saturatingAdd(total, record.size());
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            return new TimeSliceHashes(ids, total);
        });
    }

    @Override
    public CompletableFuture<TimeSlicePage> retrieveOpHashesInTimeSlicePage(DhtArc arc, Timestamp start, Timestamp end,
            TimeSliceCursor after, int maxIds) {
        return call(() -> {
            requireArgument(arc, "arc");
            requireArgument(start, "start");
            requireArgument(end, "end");
            if (maxIds < 1) {
                throw new InvalidInputException("max_ids: must be at least 1, got " + maxIds);
            }
            List<OpId> ids = new ArrayList<>();
            long total = 0;
            TimeSliceCursor last = null;
            if (start.compareTo(end) >= 0) {
                return new TimeSlicePage(ids, 0, null);
            }
            lock.readLock().lock();
            try {
                for (StoredRecord record : byCreatedAt.subSet(probe(start.micros(), 0), true, probe(end.micros(), 0), false)) {
                    TimeSliceCursor position = new TimeSliceCursor(new Timestamp(record.createdAt()), record.id());
                    if (!arc.contains(record.location()) || after != null && position.compareTo(after) <= 0) {
                        continue;
                    }
                    if (ids.size() == maxIds) {
                        return new TimeSlicePage(ids, total, last);
                    }
                    ids.add(record.id());
                    total = OpSizes.saturatingAdd(total, record.size());
                    last = position;
                }
            } finally {
                lock.readLock().unlock();
            }
            return new TimeSlicePage(ids, total, null);
        });
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        return call(() -> {
            requireIds(ids);
            List<MetaOp> found = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (OpId id : ids) {
                    StoredRecord record = ops.get(id);
                    if (record != null) {
                        found.add(new MetaOp(id, record.bytes(), record.metadata()));
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            return found;
        });
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        return call(() -> {
            requireIds(ids);
            List<OpId> missing = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (OpId id : ids) {
                    if (!ops.containsKey(id)) {
                        missing.add(id);
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            return missing;
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
        return call(() -> {
            requireArgument(arc, "arc");
            requireArgument(start, "start");
            OpSizes.checkLimit(limitBytes, "limit_bytes");
            if (maxIds < 1) {
                throw new InvalidInputException("max_ids: must be at least 1, got " + maxIds);
            }
            Timestamp callStart = after == null ? clock.now() : after.callStart();
            List<OpId> ids = new ArrayList<>();
            if (arc.isEmpty()) {
                return new BoundedStep(ids, 0, callStart, null);
            }
            long taken = after == null ? 0 : after.takenBytes();
            long total = 0;
            StoredRecord last = null;
            Timestamp firstNotFitting = null;
            lock.readLock().lock();
            try {
                NavigableSet<StoredRecord> rest = after == null
                        ? byStoredAt.tailSet(probe(0, start.micros()), true)
                        : byStoredAt.tailSet(new StoredRecord(after.opId(), 0, 0, after.storedAt().micros(), new byte[0], 0, null), false);
                for (StoredRecord record : rest) {
                    if (!arc.contains(record.location())) {
                        continue;
                    }
                    if (taken + total + record.size() > limitBytes) {
                        firstNotFitting = new Timestamp(record.storedAt());
                        break;
                    }
                    if (ids.size() == maxIds) {
                        return new BoundedStep(ids, total, null,
                                new BoundedCursor(callStart, taken + total, new Timestamp(last.storedAt()), last.id()));
                    }
                    ids.add(record.id());
                    total += record.size();
                    last = record;
                }
            } finally {
                lock.readLock().unlock();
            }
            return new BoundedStep(ids, total, settleWindow.bookmark(callStart, firstNotFitting), null);
        });
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        return call(() -> {
            requireArgument(arc, "arc");
            lock.readLock().lock();
            try {
                for (StoredRecord record : byCreatedAt) {
                    if (arc.contains(record.location())) {
                        return Optional.of(new Timestamp(record.createdAt()));
                    }
                }
                return Optional.empty();
            } finally {
                lock.readLock().unlock();
            }
        });
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        return call(() -> {
            requireArgument(arc, "arc");
            SliceIndexes.checkHash(hash);
            lock.writeLock().lock();
            try {
                sliceHashes.computeIfAbsent(arc, a -> new TreeMap<>(Long::compareUnsigned)).put(sliceIndex, hash.clone());
            } finally {
                lock.writeLock().unlock();
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return call(() -> {
            requireArgument(arc, "arc");
            lock.readLock().lock();
            try {
                TreeMap<Long, byte[]> slices = sliceHashes.get(arc);
                return slices == null || slices.isEmpty() ? 0L : SliceIndexes.countAfter(slices.lastKey());
            } finally {
                lock.readLock().unlock();
            }
        });
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        return call(() -> {
            requireArgument(arc, "arc");
            lock.readLock().lock();
            try {
                TreeMap<Long, byte[]> slices = sliceHashes.get(arc);
                byte[] hash = slices == null ? null : slices.get(sliceIndex);
                return Optional.ofNullable(hash).map(byte[]::clone);
            } finally {
                lock.readLock().unlock();
            }
        });
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashesFrom(DhtArc arc, long fromIndex, int limit) {
        return call(() -> {
            requireArgument(arc, "arc");
            if (limit < 1) {
                throw new InvalidInputException("limit: must be at least 1, got " + limit);
            }
            List<SliceHash> rows = new ArrayList<>();
            lock.readLock().lock();
            try {
                TreeMap<Long, byte[]> slices = sliceHashes.get(arc);
                if (slices != null) {
                    for (Map.Entry<Long, byte[]> slice : slices.tailMap(fromIndex, true).entrySet()) {
                        if (rows.size() == limit) {
                            break;
                        }
                        rows.add(new SliceHash(slice.getKey(), slice.getValue().clone()));
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            return rows;
        });
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return call(() -> {
            requireArgument(arc, "arc");
            List<SliceHash> rows = new ArrayList<>();
            lock.readLock().lock();
            try {
                TreeMap<Long, byte[]> slices = sliceHashes.get(arc);
                if (slices != null) {
                    slices.forEach((index, hash) -> rows.add(new SliceHash(index, hash)));
                }
            } finally {
                lock.readLock().unlock();
            }
            return rows;
        });
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return call(() -> {
            lock.readLock().lock();
            try {
                return (long) ops.size();
            } finally {
                lock.readLock().unlock();
            }
        });
    }

    private static StoredRecord probe(long createdAt, long storedAt) {
        return new StoredRecord(LOWEST_ID, 0, createdAt, storedAt, new byte[0], 0, null);
    }

    private static void requireIds(List<OpId> ids) {
        requireArgument(ids, "op_ids");
        for (int i = 0; i < ids.size(); i++) {
            requireArgument(ids.get(i), "op_ids[" + i + "]");
        }
    }

    private static void requireArgument(Object value, String field) {
        if (value == null) {
            throw new InvalidInputException(field + ": missing");
        }
    }

    /** Runs a call and turns any exception into a failed future, as the interface promises. */
    private static <T> CompletableFuture<T> call(Supplier<T> body) {
        try {
            return CompletableFuture.completedFuture(body.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One stored op. The two orders are the contract's: by creation time and by storage time. */
    /** An op as first stored; {@code metadata} is null when its sender gave none. */
    private record StoredRecord(OpId id, int location, long createdAt, long storedAt, byte[] bytes, int size, byte[] metadata) {

        static final Comparator<StoredRecord> BY_CREATED_AT =
                Comparator.comparingLong(StoredRecord::createdAt).thenComparing(StoredRecord::id);
        static final Comparator<StoredRecord> BY_STORED_AT =
                Comparator.comparingLong(StoredRecord::storedAt).thenComparing(StoredRecord::id);
    }
}
