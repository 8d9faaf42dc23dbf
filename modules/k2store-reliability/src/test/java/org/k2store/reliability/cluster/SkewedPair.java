package org.k2store.reliability.cluster;

import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.MicrosClock;
import org.k2store.api.OpId;
import org.k2store.api.SettleWindow;
import org.k2store.api.SpaceSettings;
import org.k2store.api.Timestamp;
import org.k2store.cassandra.embedded.LocalCluster;
import org.k2store.client.K2StoreClient;
import org.k2store.client.RemoteOpStore;
import org.k2store.client.SpaceId;
import org.k2store.reliability.stack.ServiceConfig;
import org.k2store.server.K2StoreApplication;
import org.k2store.server.K2StoreConfiguration;
import org.k2store.server.StoreTuning;
import org.k2store.testkit.Await;
import org.k2store.testkit.Ops;

/**
 * Two in-process k2store instances on the cluster whose clocks disagree: instance 2 runs
 * {@code offset} behind instance 1 (the skew between two service machines). A reader pages with
 * retrieve_op_ids_bounded through instance 1 while writers store through both, and counts the
 * acknowledged ops it never saw. Spaces named in {@code unsettled} get no settle window, the
 * control that shows the skew really would skip ops.
 */
final class SkewedPair implements AutoCloseable {

    private static final long PAGE_BYTES = 16 * 1024;

    /**
     * One scenario run: what was acknowledged, what the reader saw, the difference, and how far the
     * reader's bookmark trailed its own clock while the writers wrote (the median over the pages).
     */
    record Run(int acknowledged, int seen, int skipped, int pages, long medianBookmarkLagMillis) {
        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("acknowledged", acknowledged);
            figures.put("seen_by_paging_reader", seen);
            figures.put("skipped", skipped);
            figures.put("pages_read", pages);
            figures.put("median_bookmark_lag_ms", medianBookmarkLagMillis);
            return figures;
        }
    }

    /** A fresh-paging run: 60 ops stored at once, paged with a budget of 10 ops until all are seen. */
    record Fresh(int stored, int seen, int calls, int pagesWithNewIds, long millisToAll) {
        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("fresh_ops_stored", stored);
            figures.put("fresh_ops_seen", seen);
            figures.put("fresh_calls", calls);
            figures.put("fresh_pages_with_new_ids", pagesWithNewIds);
            figures.put("fresh_ms_from_ack_to_all_seen", millisToAll);
            return figures;
        }
    }

    private final List<DropwizardTestSupport<K2StoreConfiguration>> instances;
    private final Set<String> unsettled;
    private final Duration offset;
    private final Duration settle;

    private SkewedPair(List<DropwizardTestSupport<K2StoreConfiguration>> instances, Set<String> unsettled, Duration offset,
            Duration settle) {
        this.instances = instances;
        this.unsettled = unsettled;
        this.offset = offset;
        this.settle = settle;
    }

    static SkewedPair start(LocalCluster cluster, String keyspace, Duration offset, Duration settle) throws Exception {
        Set<String> unsettled = ConcurrentHashMap.newKeySet();
        List<DropwizardTestSupport<K2StoreConfiguration>> instances = new ArrayList<>();
        for (long skew : new long[] {0, offset.toNanos() / 1000}) {
            Path yaml = Files.createTempFile("k2store-skewed", ".yml");
            Files.writeString(yaml, new ServiceConfig(0, 0, cluster.contactPoints(), cluster.localDatacenter(), keyspace, 3, false, settle,
                    // maxClockSkew is exactly the real skew: the budget needs no margin above it.
                    offset.abs())
                    .yaml());
            MicrosClock system = MicrosClock.system();
            MicrosClock nodeClock = skew == 0 ? system : () -> system.nowMicros() + skew;
            StoreTuning tuning = new StoreTuning() {
                @Override
                public MicrosClock clockFor(String space) {
                    return nodeClock;
                }

                @Override
                public MicrosClock nodeClock() {
                    return nodeClock;
                }

                @Override
                public SettleWindow settleWindowFor(String space, SettleWindow configured) {
                    return unsettled.contains(space) ? SettleWindow.NONE : configured;
                }
            };
            DropwizardTestSupport<K2StoreConfiguration> support = new DropwizardTestSupport<>(K2StoreApplication.class, yaml.toString()) {
                @Override
                public Application<K2StoreConfiguration> newApplication() {
                    return new K2StoreApplication(tuning);
                }
            };
            support.before();
            instances.add(support);
        }
        return new SkewedPair(instances, unsettled, offset, settle);
    }

    private URI api(int i) {
        return URI.create("http://127.0.0.1:" + instances.get(i).getLocalPort());
    }

    Run run(String prefix) throws Exception {
        return run(prefix, false);
    }

    Run runWithoutSettleWindow(String prefix) throws Exception {
        return run(prefix, true);
    }

    private Run run(String prefix, boolean withoutSettleWindow) throws Exception {
        SpaceId space = SpaceId.of((prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong())).getBytes(StandardCharsets.UTF_8));
        if (withoutSettleWindow) {
            unsettled.add(space.base64());
        }
        K2StoreClient first = K2StoreClient.builder(api(0)).build();
        K2StoreClient second = K2StoreClient.builder(api(1)).build();
        Await.result(first.createSpace(space, SpaceSettings.KITSUNE2_MEMORY));
        RemoteOpStore reader = first.store(space);
        Set<OpId> seen = new HashSet<>();
        int pages = 0;
        Timestamp bookmark = new Timestamp(0);
        List<Long> lags = new ArrayList<>();
        WriteLoad load = new WriteLoad(List.of(first.store(space), second.store(space)), 10, false, 3_000_000L);
        // At least 5 s and 400 acknowledged ops of interleaved writing, whatever the machine's speed.
        long minimumEnd = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try {
            while (System.nanoTime() < deadline && (System.nanoTime() < minimumEnd || load.acknowledged.size() < 400)) {
                bookmark = page(reader, bookmark, seen).next();
                lags.add(System.currentTimeMillis() - bookmark.micros() / 1_000);
                pages++;
                Thread.sleep(50);
            }
        } finally {
            load.close();
        }
        // Past the skew and the settle window every acknowledged op is old enough: read to the end.
        Thread.sleep(offset.abs().plus(settle).plusSeconds(1).toMillis());
        // Only an empty page is the end. A page of ids already seen is not: the bookmark lags the
        // read by the settle window, so the first page after the load can hold nothing new.
        for (int left = 10_000; left > 0; left--) {
            BoundedPage page = page(reader, bookmark, seen);
            pages++;
            if (page.opIds().isEmpty()) {
                break;
            }
            bookmark = page.next();
        }
        Set<OpId> skipped = new HashSet<>(load.acknowledged);
        skipped.removeAll(seen);
        Collections.sort(lags);
        return new Run(load.acknowledged.size(), seen.size(), skipped.size(), pages, lags.isEmpty() ? -1 : lags.get(lags.size() / 2));
    }

    /**
     * 60 ops stored through instance 2 (the clock behind), then paged through instance 1 with a
     * budget of 10 ops, 50 ms apart, until every one is seen or 3 settle windows pass.
     */
    Fresh fresh(String prefix) throws Exception {
        SpaceId space = SpaceId.of((prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong())).getBytes(StandardCharsets.UTF_8));
        K2StoreClient first = K2StoreClient.builder(api(0)).build();
        K2StoreClient second = K2StoreClient.builder(api(1)).build();
        Await.result(first.createSpace(space, SpaceSettings.KITSUNE2_MEMORY));
        List<byte[]> ops = new ArrayList<>();
        for (long n = 0; n < 60; n++) {
            ops.add(Ops.memoryOp(n * 71_582_788L, 64, 7_000 + n, n));
        }
        Set<OpId> stored = new HashSet<>(Await.result(second.store(space).processIncomingOps(ops)));
        long acknowledged = System.nanoTime();
        RemoteOpStore reader = first.store(space);
        Set<OpId> seen = new HashSet<>();
        Timestamp bookmark = new Timestamp(0);
        int calls = 0;
        int withNew = 0;
        while (!seen.containsAll(stored) && System.nanoTime() - acknowledged < settle.multipliedBy(3).toNanos()) {
            BoundedPage page = Await.result(reader.retrieveOpIdsBounded(DhtArc.FULL, bookmark, 10 * 64));
            calls++;
            if (!seen.containsAll(page.opIds())) {
                withNew++;
            }
            seen.addAll(page.opIds());
            bookmark = page.next();
            Thread.sleep(50);
        }
        seen.retainAll(stored);
        return new Fresh(stored.size(), seen.size(), calls, withNew, (System.nanoTime() - acknowledged) / 1_000_000);
    }

    /** One bounded page from {@code start}, its ids added to {@code seen}. */
    private static BoundedPage page(RemoteOpStore reader, Timestamp start, Set<OpId> seen) {
        BoundedPage page = Await.result(reader.retrieveOpIdsBounded(DhtArc.FULL, start, PAGE_BYTES));
        seen.addAll(page.opIds());
        return page;
    }

    @Override
    public void close() {
        instances.forEach(DropwizardTestSupport::after);
    }
}
