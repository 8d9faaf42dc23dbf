package org.k2store.cassandra;

import java.util.Comparator;
import org.k2store.api.OpId;

/** A row of a time-ordered index: the time it is ordered by, the op, its location and size. */
record IndexRow(long time, OpId opId, int location, int size) {

    /** The clustering order of both index tables: time, then op id as unsigned bytes. */
    static final Comparator<IndexRow> ORDER = Comparator.comparingLong(IndexRow::time).thenComparing(IndexRow::opId);
}
