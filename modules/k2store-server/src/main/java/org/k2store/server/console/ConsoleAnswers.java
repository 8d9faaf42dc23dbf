package org.k2store.server.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.k2store.api.DhtArc;
import org.k2store.cassandra.SectorStats;
import org.k2store.cassandra.SectorStats.SectorFigure;

/** The console endpoints' answers as JSON records, named as openapi.yaml names them. */
public final class ConsoleAnswers {

    private ConsoleAnswers() {
    }

    /** One visible space: totals from the history counters, ingest from the last one to two hours of them. */
    public record SpaceRow(@JsonProperty("space") String space, @JsonProperty("op_count") long opCount,
            @JsonProperty("bytes") long bytes, @JsonProperty("recent_ops") long recentOps,
            @JsonProperty("ingest_ops_per_second") double ingestOpsPerSecond,
            @JsonProperty("ingest_bytes_per_second") double ingestBytesPerSecond) {

        public static SpaceRow of(String space, ConsoleReads.SpaceRows rows, long nowMicros) {
            long ops = 0;
            long bytes = 0;
            for (SectorFigure row : rows.history()) {
                ops += row.ops();
                bytes += row.bytes();
            }
            long recentOps = 0;
            long recentBytes = 0;
            for (SectorFigure row : rows.recent()) {
                recentOps += row.ops();
                recentBytes += row.bytes();
            }
            // The recent read spans the previous hour and the current one up to now.
            long since = rows.recentFromBucket() * SectorStats.bucketMicros(SectorStats.RECENT);
            double seconds = Math.max(1, nowMicros - since) / 1_000_000.0;
            return new SpaceRow(space, ops, bytes, recentOps, recentOps / seconds, recentBytes / seconds);
        }
    }

    /** {@code GET /v1/console/spaces}. */
    public record Spaces(@JsonProperty("spaces") List<SpaceRow> spaces, @JsonProperty("truncated") boolean truncated) {
    }

    /** One time bucket of a ring view, summed over sectors; {@code start} in microseconds. */
    public record Bucket(@JsonProperty("bucket") long bucket, @JsonProperty("start") long start,
            @JsonProperty("ops") long ops, @JsonProperty("bytes") long bytes) {
    }

    /** {@code GET /v1/console/spaces/{space}/ring}: 512 sectors' ops and bytes over a window. */
    public record Ring(@JsonProperty("space") String space, @JsonProperty("window") String window,
            @JsonProperty("time_axis") String timeAxis, @JsonProperty("bucket_micros") long bucketMicros,
            @JsonProperty("total_ops") long totalOps, @JsonProperty("total_bytes") long totalBytes,
            @JsonProperty("sector_ops") long[] sectorOps, @JsonProperty("sector_bytes") long[] sectorBytes,
            @JsonProperty("buckets") List<Bucket> buckets) {

        public static Ring of(String space, ConsoleWindow window, RingFigures figures) {
            long width = window.bucketMicros();
            List<Bucket> buckets = figures.buckets().stream()
                    .map(b -> new Bucket(b.bucket(), b.bucket() * width, b.ops(), b.bytes())).toList();
            return new Ring(space, window.text(), window.timeAxis(), width, figures.totalOps(), figures.totalBytes(),
                    figures.sectorOps(), figures.sectorBytes(), buckets);
        }
    }

    /** One slice index and how many of the 512 sector arcs have a hash stored for it. */
    public record Slice(@JsonProperty("index") BigInteger index, @JsonProperty("sectors") int sectors) {
    }

    /** {@code GET /v1/console/spaces/{space}/slice-hashes}: which 128 h slices have stored hashes, per sector. */
    /**
     * {@code sector_counts} counts at most {@code perSector} hashes per sector (the highest indexes);
     * {@code cut_sectors} lists the sectors that hold more.
     */
    public record SliceHashes(@JsonProperty("space") String space, @JsonProperty("slice_micros") long sliceMicros,
            @JsonProperty("sector_counts") int[] sectorCounts, @JsonProperty("slices") List<Slice> slices,
            @JsonProperty("cut_sectors") List<Integer> cutSectors) {

        public static SliceHashes of(String space, List<List<Long>> bySector, int perSector) {
            int[] counts = new int[DhtArc.SECTOR_COUNT];
            List<Integer> cut = new ArrayList<>();
            Map<Long, Integer> sectorsBySlice = new TreeMap<>(Long::compareUnsigned);
            for (int sector = 0; sector < bySector.size() && sector < counts.length; sector++) {
                List<Long> indexes = bySector.get(sector);
                if (indexes.size() > perSector) {
                    cut.add(sector);
                    indexes = indexes.subList(indexes.size() - perSector, indexes.size());
                }
                counts[sector] = indexes.size();
                for (long index : indexes) {
                    sectorsBySlice.merge(index, 1, Integer::sum);
                }
            }
            List<Slice> slices = new ArrayList<>(sectorsBySlice.size());
            sectorsBySlice.forEach((index, sectors) -> slices.add(new Slice(new BigInteger(Long.toUnsignedString(index)), sectors)));
            return new SliceHashes(space, SectorStats.bucketMicros(SectorStats.HISTORY), counts, List.copyOf(slices), List.copyOf(cut));
        }
    }
}
