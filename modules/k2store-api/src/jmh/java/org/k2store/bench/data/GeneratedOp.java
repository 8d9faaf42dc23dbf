package org.k2store.bench.data;

import org.k2store.api.OpId;

/** One op of a data set: what the stores are sent ({@code encoded}) and what the driver knows about it. */
public record GeneratedOp(OpId id, int location, long createdAt, int size, byte[] encoded) {
}
