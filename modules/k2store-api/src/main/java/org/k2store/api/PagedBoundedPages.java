package org.k2store.api;

import java.util.concurrent.CompletableFuture;

/**
 * A store that can hand out a {@code retrieve_op_ids_bounded} answer in steps, so a server can
 * stream it in bounded memory whatever the budget: a u32 budget over zero-size ops is an id list
 * of any length. The steps' ids concatenated, their bytes summed, and the last step's {@code next}
 * are exactly {@code retrieveOpIdsBounded(arc, start, limitBytes)}.
 */
public interface PagedBoundedPages {

    /**
     * At most {@code maxIds} ids of the bounded page after {@code after}; null starts the answer
     * (and reads the call's start time, which every later step carries in its cursor).
     */
    CompletableFuture<BoundedStep> retrieveOpIdsBoundedStep(DhtArc arc, Timestamp start, long limitBytes,
            BoundedCursor after, int maxIds);
}
