package org.k2store.cassandra;

/** One partition of an index: a location bucket at a grain, in one time bucket. */
record PartitionKey(IndexKind kind, LocationBucket bucket, long timeBucket) {
}
