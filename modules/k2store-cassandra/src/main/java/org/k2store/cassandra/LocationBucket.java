package org.k2store.cassandra;

/**
 * One location bucket an arc touches. {@code whole} when the arc holds every location of the bucket,
 * so its rows need no filtering; a bucket at an arc's edge is read and filtered by exact location.
 */
record LocationBucket(Grain grain, int index, boolean whole) {
}
