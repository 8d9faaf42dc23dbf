package org.k2store.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.k2store.api.InvalidInputException;
import org.k2store.api.OpStore;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.memory.MemoryOpStore;

/**
 * Runs random call sequences against a candidate store and the memory oracle side by side, on one
 * shared manual clock, and fails at the first answer that differs. A failure is shrunk (chunks of the
 * sequence are dropped while it still fails) and reported with the seed that replays it.
 *
 * <p>Replay one seed with {@code -Dk2store.diff.seed=<seed>}.
 */
public final class DifferentialChecker {

    static final long CLOCK_START = 1_000_000_000L;

    private final StoreFactory candidate;
    private final StoreFactory oracle;
    private final SpaceSettings settings;
    private final int sequences;
    private final int length;

    public DifferentialChecker(StoreFactory candidate, SpaceSettings settings, int sequences, int length) {
        this(candidate, MemoryOpStore::new, settings, sequences, length);
    }

    DifferentialChecker(StoreFactory candidate, StoreFactory oracle, SpaceSettings settings, int sequences, int length) {
        this.candidate = Objects.requireNonNull(candidate, "candidate");
        this.oracle = Objects.requireNonNull(oracle, "oracle");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sequences = sequences;
        this.length = length;
    }

    /**
     * Checks {@code sequences} sequences derived from {@code seed}; throws an AssertionError naming the
     * seed and the shrunk sequence on the first disagreement.
     */
    public void check(long seed) {
        for (int i = 0; i < sequences; i++) {
            long sequenceSeed = seed + i;
            List<Action> actions = new ActionGenerator(sequenceSeed, settings).sequence(length);
            Mismatch mismatch = firstMismatch(actions);
            if (mismatch != null) {
                List<Action> smallest = shrink(actions);
                Mismatch shown = firstMismatch(smallest);
                throw new AssertionError("store disagrees with the memory oracle (seed " + sequenceSeed
                        + ", replay with -Dk2store.diff.seed=" + sequenceSeed + " and 1 sequence); smallest failing sequence of "
                        + smallest.size() + " calls (from " + actions.size() + "):\n" + Action.describe(smallest)
                        + "\n" + (shown == null ? mismatch : shown));
            }
        }
    }

    /** The seed to use: the system property when replaying, otherwise a fresh one. */
    public static long seed() {
        String fixed = System.getProperty("k2store.diff.seed");
        return fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    }

    private Mismatch firstMismatch(List<Action> actions) {
        ManualClock clock = new ManualClock(CLOCK_START);
        OpStore expected = oracle.open(settings, clock, SettleWindow.NONE);
        OpStore actual = candidate.open(settings, clock, SettleWindow.NONE);
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            Outcome want = Outcome.of(() -> action.run(expected, clock));
            Outcome got = Outcome.of(() -> action.run(actual, clock));
            if (!want.equals(got)) {
                return new Mismatch(i, action, want, got);
            }
        }
        return null;
    }

    /** Delta debugging: drop ever smaller chunks while the sequence still fails. */
    private List<Action> shrink(List<Action> failing) {
        List<Action> current = new ArrayList<>(failing);
        int chunk = Math.max(1, current.size() / 2);
        while (chunk >= 1) {
            boolean removed = false;
            for (int from = 0; from < current.size(); ) {
                List<Action> candidateSequence = new ArrayList<>(current.subList(0, from));
                candidateSequence.addAll(current.subList(Math.min(current.size(), from + chunk), current.size()));
                if (firstMismatch(candidateSequence) != null) {
                    current = candidateSequence;
                    removed = true;
                } else {
                    from += chunk;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return current;
    }

    /** Where two stores first disagreed. */
    private record Mismatch(int index, Action action, Outcome expected, Outcome actual) {
        @Override
        public String toString() {
            return "call " + index + " " + action + ":\n  oracle:    " + expected + "\n  candidate: " + actual;
        }
    }

    /**
     * A call's answer, or whose fault its error was: messages and exception classes may differ
     * between implementations, but a caller's mistake must be one everywhere.
     */
    private record Outcome(Object value, String error) {

        static Outcome of(java.util.function.Supplier<Object> call) {
            try {
                return new Outcome(call.get(), null);
            } catch (InvalidInputException e) {
                return new Outcome(null, "invalid input");
            } catch (RuntimeException e) {
                return new Outcome(null, "error " + e);
            }
        }

        @Override
        public String toString() {
            return error != null ? "fails: " + error : String.valueOf(value);
        }
    }
}
