package org.k2store.bench.data;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.k2store.api.SliceHash;
import org.k2store.api.TimeSliceHashes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why: start-up turns each missing 128 h slice's answer into a stored slice hash. The api holds the
 * result (SliceHash) and the answer (TimeSliceHashes) but has no combine: the host XORs the ids (as
 * kitsune2 does; here the driver's Slices.combinedHash, which StartupReplay uses). 29 ids is a sector's
 * slice at 10^6 ops, 14,600 the first of the FULL arc's (14,611 +- 2 ops).
 *
 * Lives beside Slices, the code it measures (k2store-api's src/jmh/java).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CombineSliceIdsBenchmark {

    @Param({"29", "14600"})
    public int ids;

    public TimeSliceHashes answer;
    public long sliceIndex;

    @Setup
    public void setUp() {
        List<GeneratedOp> slice = HotPathData.fullSliceAtMillion();
        if (slice.size() < ids) {
            throw new IllegalStateException("the slice holds " + slice.size() + " ops, fewer than " + ids);
        }
        List<GeneratedOp> taken = slice.subList(0, ids);
        answer = new TimeSliceHashes(HotPathData.ids(taken), taken.stream().mapToLong(GeneratedOp::size).sum());
        sliceIndex = Slices.index(taken.get(0).createdAt());
    }

    @Benchmark
    public SliceHash combine() {
        return new SliceHash(sliceIndex, Slices.combinedHash(answer.opIds()));
    }
}
