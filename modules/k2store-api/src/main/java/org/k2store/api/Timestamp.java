package org.k2store.api;

/**
 * kitsune2's {@code Timestamp(i64)}: microseconds since the Unix epoch. A value type so that
 * micros never get mixed up with millis or with byte counts in a signature.
 */
public record Timestamp(long micros) implements Comparable<Timestamp> {

    public static final Timestamp MIN = new Timestamp(Long.MIN_VALUE);
    public static final Timestamp MAX = new Timestamp(Long.MAX_VALUE);

    public static Timestamp ofMicros(long micros) {
        return new Timestamp(micros);
    }

    @Override
    public int compareTo(Timestamp other) {
        return Long.compare(micros, other.micros);
    }

    public boolean isBefore(Timestamp other) {
        return micros < other.micros;
    }

    @Override
    public String toString() {
        return Long.toString(micros);
    }
}
