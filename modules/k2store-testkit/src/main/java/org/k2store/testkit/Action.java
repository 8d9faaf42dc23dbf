package org.k2store.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.Timestamp;

/**
 * One step of a differential run: a call on the store (or a clock move), with a printable form so
 * that a failing sequence can be read and replayed. {@link #run} returns a comparable outcome.
 */
sealed interface Action {

    Object run(OpStore store, ManualClock clock);

    /** Moves the shared clock; stores see it on their next call. */
    record AdvanceClock(long micros) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            clock.advance(micros);
            return null;
        }
    }

    record Store(List<byte[]> ops, String description) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.processIncomingOps(ops));
        }

        @Override
        public String toString() {
            return "Store" + description;
        }
    }

    record TimeSlice(DhtArc arc, long start, long end) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.retrieveOpHashesInTimeSlice(arc, new Timestamp(start), new Timestamp(end)));
        }
    }

    record Bounded(DhtArc arc, long start, long limitBytes) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.retrieveOpIdsBounded(arc, new Timestamp(start), limitBytes));
        }
    }

    record Earliest(DhtArc arc) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.earliestTimestampInArc(arc));
        }
    }

    record Retrieve(List<OpId> ids) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.retrieveOps(ids));
        }
    }

    record Filter(List<OpId> ids) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.filterOutExistingOps(ids));
        }
    }

    record Count() implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.queryTotalOpCount());
        }
    }

    record PutSliceHash(DhtArc arc, long index, byte[] hash) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.storeSliceHash(arc, index, hash));
        }

        @Override
        public String toString() {
            return "PutSliceHash[arc=" + arc + ", index=" + Long.toUnsignedString(index) + ", hash=" + Arrays.toString(hash) + "]";
        }
    }

    record SliceCount(DhtArc arc) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            return Await.result(store.sliceHashCount(arc));
        }
    }

    record GetSliceHash(DhtArc arc, long index) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            Optional<byte[]> hash = Await.result(store.retrieveSliceHash(arc, index));
            return hash.map(Arrays::toString);
        }
    }

    record GetSliceHashes(DhtArc arc) implements Action {
        @Override
        public Object run(OpStore store, ManualClock clock) {
            List<SliceHash> rows = Await.result(store.retrieveSliceHashes(arc));
            return new ArrayList<>(rows);
        }
    }

    static String describe(List<Action> actions) {
        return actions.stream().map(a -> "  " + a).collect(Collectors.joining("\n"));
    }
}
