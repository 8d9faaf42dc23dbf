package org.k2store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SpaceSettings;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;
import org.k2store.memory.MemoryOpStore;

/** The checker is only worth running if it catches a wrong store, and says how to replay it. */
class DifferentialCheckerTest {

    private static final long SEED = 42;

    @Test
    void passesTheOracleAgainstItself() {
        assertThatCode(() -> checker(store -> store).check(SEED)).doesNotThrowAnyException();
    }

    @Test
    void catchesAnInclusiveTimeSliceEnd() {
        AssertionError error = failureOf(store -> new ForwardingOpStore(store) {
            @Override
            public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
                long inclusive = end.micros() == Long.MAX_VALUE ? end.micros() : end.micros() + 1;
                return delegate.retrieveOpHashesInTimeSlice(arc, start, new Timestamp(inclusive));
            }
        });
        assertThat(error).hasMessageContaining("TimeSlice");
    }

    @Test
    void catchesWrappingArcsTreatedAsEmpty() {
        AssertionError error = failureOf(store -> new ForwardingOpStore(store) {
            @Override
            public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
                return delegate.retrieveOpHashesInTimeSlice(arc.wraps() ? DhtArc.EMPTY : arc, start, end);
            }
        });
        assertThat(error).hasMessageContaining("TimeSlice");
    }

    @Test
    void catchesABoundedPageThatSkipsAheadToSmallerOps() {
        AssertionError error = failureOf(store -> new ForwardingOpStore(store) {
            @Override
            public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
                // Wrong: reports the page with one op fewer whenever the limit was hit.
                return delegate.retrieveOpIdsBounded(arc, start, limitBytes).thenApply(page -> page.opIds().size() > 1
                        ? new BoundedPage(page.opIds().subList(0, page.opIds().size() - 1), page.totalBytes(), page.next())
                        : page);
            }
        });
        assertThat(error).hasMessageContaining("Bounded");
    }

    @Test
    void catchesASliceCountThatCountsRows() {
        AssertionError error = failureOf(store -> new ForwardingOpStore(store) {
            @Override
            public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
                return delegate.retrieveSliceHashes(arc).thenApply(rows -> (long) rows.size());
            }
        });
        assertThat(error).hasMessageContaining("SliceCount");
    }

    @Test
    void catchesAFilterThatDropsDuplicates() {
        AssertionError error = failureOf(store -> new ForwardingOpStore(store) {
            @Override
            public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
                return delegate.filterOutExistingOps(ids).thenApply(missing -> new ArrayList<>(new java.util.LinkedHashSet<>(missing)));
            }
        });
        assertThat(error).hasMessageContaining("Filter");
    }

    @Test
    void reportsTheSeedAndAShrunkSequence() {
        AssertionError error = failureOf(store -> new ForwardingOpStore(store) {
            @Override
            public CompletableFuture<Long> queryTotalOpCount() {
                return delegate.queryTotalOpCount().thenApply(count -> count > 2 ? count + 1 : count);
            }
        });
        System.out.println(error.getMessage()); // what a developer sees; kept in the surefire output file
        assertThat(error.getMessage()).contains("-Dk2store.diff.seed=");
        // The smallest failure needs stores of three ops and a count; shrinking must get close to that.
        String sequence = error.getMessage().substring(error.getMessage().indexOf("calls (from"));
        long calls = sequence.lines().filter(line -> line.startsWith("  ") && !line.startsWith("  oracle")
                && !line.startsWith("  candidate")).count();
        assertThat(calls).isLessThanOrEqualTo(4);
    }

    private static AssertionError failureOf(Function<OpStore, OpStore> breakIt) {
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> checker(breakIt).check(SEED));
        assertThat(error).as("the checker must catch the broken store").isNotNull();
        assertThat(error).hasMessageContaining("seed");
        return error;
    }

    private static DifferentialChecker checker(Function<OpStore, OpStore> wrap) {
        StoreFactory broken = (settings, clock, window) -> wrap.apply(new MemoryOpStore(settings, clock, window));
        return new DifferentialChecker(broken, SpaceSettings.KITSUNE2_MEMORY, 40, 60);
    }
}
