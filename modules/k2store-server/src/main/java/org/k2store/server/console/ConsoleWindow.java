package org.k2store.server.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.k2store.api.InvalidInputException;
import org.k2store.cassandra.SectorStats;

/**
 * The time window of a ring view, as the {@code window} query parameter names it: {@code Nh} or
 * {@code Nd} (the last N hours or days of ingest, by stored_at hour) or {@code all} (the whole
 * history, by created_at 128 h slice). It maps onto one scale of the sector_stats counters and a
 * bucket range, so a view is one clustering range read of one partition. The longest recent window
 * is 7 days: 168 hour buckets of at most 512 rows each.
 */
public record ConsoleWindow(String text, byte scale, long fromBucket, long toBucket) {

    public static final int MAX_HOURS = 168;

    private static final Pattern RECENT = Pattern.compile("([1-9][0-9]{0,3})([hd])");

    /** Parses {@code text} relative to {@code nowMicros}; InvalidInputException (400) naming {@code window} otherwise. */
    public static ConsoleWindow parse(String text, long nowMicros) {
        String value = text == null || text.isEmpty() ? "24h" : text;
        if (value.equals("all")) {
            return new ConsoleWindow(value, SectorStats.HISTORY, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        Matcher matcher = RECENT.matcher(value);
        if (!matcher.matches()) {
            throw new InvalidInputException("window: '" + shorten(value) + "' is not 'all' or a duration like '6h' or '2d'");
        }
        int hours = Integer.parseInt(matcher.group(1)) * (matcher.group(2).equals("d") ? 24 : 1);
        if (hours > MAX_HOURS) {
            throw new InvalidInputException("window: at most " + MAX_HOURS + " hours (7d); use 'all' for the whole history");
        }
        long now = Math.floorDiv(nowMicros, SectorStats.bucketMicros(SectorStats.RECENT));
        return new ConsoleWindow(value, SectorStats.RECENT, now - hours + 1, now);
    }

    public long bucketMicros() {
        return SectorStats.bucketMicros(scale);
    }

    /** The stored_at window of recent views, the created_at history of {@code all}. */
    public String timeAxis() {
        return scale == SectorStats.RECENT ? "stored_at" : "created_at";
    }

    private static String shorten(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }
}
