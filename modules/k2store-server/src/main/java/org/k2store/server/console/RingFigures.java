package org.k2store.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.k2store.api.DhtArc;
import org.k2store.cassandra.SectorStats.SectorFigure;

/**
 * The sector_stats rows of one window folded into what the ring shows: ops and bytes per sector
 * (512 each, summed over the window's time buckets) and per time bucket (summed over sectors, for
 * the timeline under the ring). Pure arithmetic on the request thread, after the read completed.
 */
public record RingFigures(long[] sectorOps, long[] sectorBytes, List<Bucket> buckets) {

    /** One time bucket's totals over all sectors. */
    public record Bucket(long bucket, long ops, long bytes) {
    }

    public static RingFigures of(List<SectorFigure> rows) {
        long[] ops = new long[DhtArc.SECTOR_COUNT];
        long[] bytes = new long[DhtArc.SECTOR_COUNT];
        Map<Long, long[]> byBucket = new TreeMap<>();
        for (SectorFigure row : rows) {
            // A sector outside 0..511 would be a row written by another layout; it is not drawn.
            if (row.sector() < 0 || row.sector() >= DhtArc.SECTOR_COUNT) {
                continue;
            }
            ops[row.sector()] += row.ops();
            bytes[row.sector()] += row.bytes();
            long[] sums = byBucket.computeIfAbsent(row.timeBucket(), bucket -> new long[2]);
            sums[0] += row.ops();
            sums[1] += row.bytes();
        }
        List<Bucket> buckets = new ArrayList<>(byBucket.size());
        byBucket.forEach((bucket, sums) -> buckets.add(new Bucket(bucket, sums[0], sums[1])));
        return new RingFigures(ops, bytes, List.copyOf(buckets));
    }

    public long totalOps() {
        long total = 0;
        for (long value : sectorOps) {
            total += value;
        }
        return total;
    }

    public long totalBytes() {
        long total = 0;
        for (long value : sectorBytes) {
            total += value;
        }
        return total;
    }
}
