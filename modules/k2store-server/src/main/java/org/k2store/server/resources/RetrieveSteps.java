package org.k2store.server.resources;

/**
 * How many ids each read of a streamed retrieve_ops asks the store for, so that one read holds
 * about {@code budgetBytes} of ops. The store reads ops by id and cannot tell their sizes before
 * reading them, so the steps adapt: the first is sized for ops as large as they can be (one op
 * when the largest op is over the budget), and each next one from the average size of the ops
 * the last one read, growing at most twofold per step, and never past {@code maxOps}. Ops of one
 * size then take budget + one op at most; ops that suddenly grow take at most twice the last
 * step's count of them, and the step shrinks right after.
 */
final class RetrieveSteps {

    private final int maxOps;
    private final long budgetBytes;
    private final long largestOpBytes;

    RetrieveSteps(int maxOps, long budgetBytes, long largestOpBytes) {
        if (maxOps < 1 || budgetBytes < 1 || largestOpBytes < 1) {
            throw new IllegalArgumentException("maxOps, budgetBytes and largestOpBytes must be positive");
        }
        this.maxOps = maxOps;
        this.budgetBytes = budgetBytes;
        this.largestOpBytes = largestOpBytes;
    }

    /** The first read: as many of the largest possible ops as the budget holds, at least one. */
    int first() {
        return clamp(budgetBytes / largestOpBytes);
    }

    /**
     * The read after one that asked for {@code asked} ids and got {@code found} ops (unknown ids are
     * left out) of {@code bytes} in all.
     */
    int next(int asked, int found, long bytes) {
        long grown = 2L * Math.max(1, asked);
        if (found == 0 || bytes <= 0) {
            return clamp(grown);
        }
        long average = Math.max(1, (bytes + found - 1) / found);
        return clamp(Math.min(grown, budgetBytes / average));
    }

    private int clamp(long ops) {
        return (int) Math.max(1, Math.min(maxOps, ops));
    }
}
