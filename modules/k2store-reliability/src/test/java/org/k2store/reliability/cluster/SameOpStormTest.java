package org.k2store.reliability.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.reliability.stack.ServiceProcess;

/**
 * A same-op storm through both service instances: 16 writers (8 per instance) start every round
 * together, and every op id of a round is sent at the same moment by two writers through
 * instance 1 and two through instance 2. Half the ids carry a different payload per instance
 * (envelope: the same op_id, instance 1's created_at in range A with data marked A, instance 2's
 * in range B, 100 s later, with data marked B), so which writer won is visible in what is read.
 *
 * <p>Afterwards, through each instance: nothing lost (filter_out_existing_ops), the op count
 * exact, a bounded pager over the FULL arc with a small budget sees every id, retrieve_ops returns
 * the same bytes through both instances, and a FULL-arc time slice over both ranges holds each id
 * exactly once, in the range of the payload that won.
 */
@ExtendWith(SharedStack.class)
class SameOpStormTest {

    private static final int WRITERS_PER_INSTANCE = 8;
    private static final int BATCH = 50;
    /** Batches in play per round; each is sent by WRITERS_PER_INSTANCE / BATCHES_PER_ROUND writers per instance. */
    private static final int BATCHES_PER_ROUND = 4;
    private static final int OP_BYTES = 128;
    /** The storm lasts 15 s and at least MIN_ROUNDS rounds, but never more than 45 s or MAX_ROUNDS rounds. */
    private static final long STORM_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long STORM_MAX_NANOS = TimeUnit.SECONDS.toNanos(45);
    private static final int MIN_ROUNDS = 3;
    private static final int MAX_ROUNDS = 400;
    /** Instance 2's created_at is this much later than instance 1's for a differing id: the two never overlap. */
    private static final long RANGE_B_OFFSET = 100_000_000L;
    /** The pager's byte budget: a few dozen ops per page. */
    private static final long PAGE_BYTES = 4096;

    private static final byte MARK_A = (byte) 0xA1;
    private static final byte MARK_B = (byte) 0xB2;
    private static final byte MARK_SAME = (byte) 0xC3;

    /** The op of index {@code i} as instance {@code instance} sends it. */
    private record Variant(long createdAt, byte[] data) {
    }

    private long rangeA;
    private byte[] idSalt;

    private boolean differs(int i) {
        return i % 2 == 0;
    }

    private String id(int i) {
        byte[] id = new byte[32];
        System.arraycopy(idSalt, 0, id, 0, 16);
        for (int b = 0; b < 4; b++) {
            id[16 + b] = (byte) (i >>> (8 * b));
        }
        // the rest from i, scrambled, so xor-fold spreads the ids over the ring
        long mixed = (i + 1) * 0x9E3779B97F4A7C15L;
        for (int b = 0; b < 8; b++) {
            id[24 + b] = (byte) (mixed >>> (8 * b));
        }
        return Base64Url.encode(id);
    }

    private Variant variant(int i, int instance) {
        boolean b = differs(i) && instance == 1;
        byte mark = !differs(i) ? MARK_SAME : b ? MARK_B : MARK_A;
        byte[] data = new byte[OP_BYTES];
        data[0] = mark;
        for (int k = 1; k < OP_BYTES; k++) {
            data[k] = (byte) (i * 31 + k * (mark & 0xff));
        }
        return new Variant(rangeA + i + (b ? RANGE_B_OFFSET : 0), data);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyOpSentThroughBothInstancesAtOnceEndsWithOneWinnerEverywhere() throws Exception {
        List<ServiceProcess> instances = SharedStack.stack().services();
        String space = Base64Url.encode(("same-op-storm-" + Long.toHexString(ThreadLocalRandom.current().nextLong())).getBytes(StandardCharsets.UTF_8));
        idSalt = new byte[16];
        ThreadLocalRandom.current().nextBytes(idSalt);
        rangeA = (System.currentTimeMillis() - 600_000) * 1000; // ten minutes ago: a live time bucket, never sealed
        PlainHttp.Calls calls = new PlainHttp.Calls();
        PlainHttp.Answer created = new PlainHttp(instances.get(0).api(), space, calls).createSpace("envelope", "xor-fold");
        assertThat(created.status()).as("create space: %s", created).isEqualTo(201);

        // The storm. The barrier's action (run by the last writer to arrive) decides whether another round starts.
        int writerCount = 2 * WRITERS_PER_INSTANCE;
        AtomicInteger rounds = new AtomicInteger();
        AtomicBoolean go = new AtomicBoolean(true);
        long stormStarted = System.nanoTime();
        CyclicBarrier barrier = new CyclicBarrier(writerCount, () -> {
            long elapsed = System.nanoTime() - stormStarted;
            if (rounds.get() >= MAX_ROUNDS || elapsed >= STORM_MAX_NANOS || (elapsed >= STORM_NANOS && rounds.get() >= MIN_ROUNDS)) {
                go.set(false);
            } else {
                rounds.incrementAndGet();
            }
        });
        AtomicInteger wrongAnswers = new AtomicInteger();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < writerCount; w++) {
            int instance = w % 2;
            int local = w / 2;
            PlainHttp via = new PlainHttp(instances.get(instance).api(), space, calls);
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        barrier.await(120, TimeUnit.SECONDS);
                        if (!go.get()) {
                            return;
                        }
                        int round = rounds.get() - 1;
                        int batch = local % BATCHES_PER_ROUND;
                        int first = (round * BATCHES_PER_ROUND + batch) * BATCH;
                        List<Integer> order = new ArrayList<>();
                        for (int k = 0; k < BATCH; k++) {
                            order.add(first + k);
                        }
                        // Instance 2 sends the batch backwards and the second writer of a batch starts halfway:
                        // the same ids race in different orders, not only in lockstep.
                        if (instance == 1) {
                            Collections.reverse(order);
                        }
                        if (local >= BATCHES_PER_ROUND) {
                            Collections.rotate(order, BATCH / 2);
                        }
                        List<String> ids = new ArrayList<>(BATCH);
                        StringBuilder body = new StringBuilder(BATCH * 300).append("{\"ops\":[");
                        for (int i : order) {
                            Variant v = variant(i, instance);
                            String id = id(i);
                            ids.add(id);
                            body.append(ids.size() == 1 ? "" : ",").append("{\"op_id\":\"").append(id).append("\",\"created_at\":")
                                    .append(v.createdAt()).append(",\"op_data\":\"").append(Base64Url.encode(v.data())).append("\"}");
                        }
                        PlainHttp.Answer answer = via.post("process_incoming_ops", "/ops", body.append("]}").toString());
                        if (answer.ok()) {
                            List<String> returned = new ArrayList<>();
                            answer.json().get("op_ids").forEach(id -> returned.add(id.asText()));
                            if (!returned.equals(ids)) {
                                wrongAnswers.incrementAndGet();
                                problems.add("writer " + local + " via instance " + (instance + 1) + ": op_ids not the input ids in order");
                            } else {
                                acknowledged.addAll(ids);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (BrokenBarrierException | TimeoutException e) {
                    problems.add("storm barrier: " + e);
                }
            }, "storm-writer-" + w);
            writers.add(thread);
            thread.start();
        }
        for (Thread thread : writers) {
            thread.join(TimeUnit.SECONDS.toMillis(150));
        }
        int distinct = rounds.get() * BATCHES_PER_ROUND * BATCH;
        double stormSeconds = (System.nanoTime() - stormStarted) / 1e9;
        long stormEndMicros = System.currentTimeMillis() * 1000;
        int stormNon2xx = calls.non2xx();
        List<String> ids = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            ids.add(id(i));
        }
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < distinct; i++) {
            indexOf.put(ids.get(i), i);
        }

        // Past the settle window every op is old enough for a bounded page to hand out.
        long settleMicros = SharedStack.SETTLE_WINDOW.toNanos() / 1000;
        long pagedUntil = stormEndMicros + settleMicros;
        Thread.sleep(SharedStack.SETTLE_WINDOW.plusMillis(500).toMillis());

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("writers", writerCount);
        figures.put("k2store_jars", SharedStack.jars());
        figures.put("rounds", rounds.get());
        figures.put("distinct_ids", distinct);
        figures.put("ids_with_differing_payloads", (distinct + 1) / 2);
        figures.put("sends_per_id", 2 * WRITERS_PER_INSTANCE / BATCHES_PER_ROUND);
        figures.put("storm_seconds", Math.round(stormSeconds * 10) / 10.0);
        figures.put("non_2xx_during_storm", stormNon2xx);
        figures.put("wrong_id_answers", wrongAnswers.get());
        figures.put("ids_acknowledged", acknowledged.size());

        List<String> failures = new ArrayList<>();
        try {
            List<Map<String, String>> retrieved = new ArrayList<>();
            for (int n = 0; n < instances.size(); n++) {
                PlainHttp via = new PlainHttp(instances.get(n).api(), space, calls);
                String name = "instance_" + (n + 1);

                List<String> missing = SpaceReads.missing(via, ids);
                List<String> lost = missing.stream().filter(acknowledged::contains).toList();
                figures.put("missing_via_" + name, missing.size());
                figures.put("lost_via_" + name, lost.size());
                check(failures, lost.isEmpty(), "acknowledged but lost via " + name + ": " + lost.size() + " ids, e.g. " + first(lost));
                check(failures, missing.isEmpty(), "sent but missing via " + name + ": " + missing.size() + " ids, e.g. " + first(missing));

                long opCount = SpaceReads.opCount(via);
                long spaceOpCount = SpaceReads.spaceOpCount(via);
                figures.put("op_count_via_" + name, opCount);
                figures.put("space_op_count_via_" + name, spaceOpCount);
                check(failures, opCount == distinct, "query_total_op_count via " + name + " = " + opCount + ", distinct ids " + distinct);
                check(failures, spaceOpCount == distinct, "space op_count via " + name + " = " + spaceOpCount + ", distinct ids " + distinct);

                // The pager: FULL arc from 0, small budget, following next_start past the storm's end plus the settle window.
                Set<String> paged = new HashSet<>();
                int pagedTotal = 0;
                int pages = 0;
                Set<String> foreign = new HashSet<>();
                long start = 0;
                long pagingDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (start <= pagedUntil && System.nanoTime() < pagingDeadline) {
                    SpaceReads.Page page = SpaceReads.bounded(via, start, PAGE_BYTES);
                    pages++;
                    pagedTotal += page.opIds().size();
                    for (String id : page.opIds()) {
                        paged.add(id);
                        if (!indexOf.containsKey(id)) {
                            foreign.add(id);
                        }
                    }
                    if (page.next() < start) {
                        failures.add("bounded via " + name + ": next_start went back from " + start + " to " + page.next());
                        break;
                    }
                    if (page.next() == start && page.opIds().isEmpty()) {
                        Thread.sleep(100); // nothing more yet and no progress: wait for the bookmark to move
                    }
                    start = page.next();
                }
                Set<String> skipped = new HashSet<>(ids);
                skipped.removeAll(paged);
                figures.put("pager_pages_via_" + name, pages);
                figures.put("pager_ids_via_" + name, pagedTotal);
                figures.put("pager_distinct_via_" + name, paged.size());
                figures.put("pager_skipped_via_" + name, skipped.size());
                check(failures, start > pagedUntil, "bounded via " + name + ": next_start " + start + " never passed " + pagedUntil + " in 60 s");
                check(failures, skipped.isEmpty(), "skipped by the pager via " + name + ": " + skipped.size() + ", e.g. " + first(skipped));
                check(failures, foreign.isEmpty(), "pager via " + name + " handed out ids never sent: " + foreign.size());

                Map<String, String> ops = SpaceReads.retrieve(via, ids, 1000);
                retrieved.add(ops);
                figures.put("retrieved_via_" + name, ops.size());
                check(failures, ops.size() == distinct, "retrieve_ops via " + name + " returned " + ops.size() + " of " + distinct);
            }

            // The winning values: the same bytes through both instances, one of the payloads sent, and where it won.
            int differingBytes = 0;
            int unknownPayloads = 0;
            int wonByA = 0;
            int wonByB = 0;
            Set<String> expectedInA = new HashSet<>();
            Set<String> expectedInB = new HashSet<>();
            List<String> examples = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                String id = ids.get(i);
                String one = retrieved.get(0).get(id);
                String two = retrieved.get(1).get(id);
                if (one == null || two == null) {
                    continue; // counted above
                }
                if (!one.equals(two)) {
                    differingBytes++;
                    if (examples.size() < 3) {
                        examples.add("op " + i + " (" + id + "): instance 1 has mark " + mark(one) + ", instance 2 mark " + mark(two));
                    }
                }
                String a = Base64Url.encode(variant(i, 0).data());
                String b = Base64Url.encode(variant(i, 1).data());
                if (one.equals(b) && differs(i)) {
                    wonByB++;
                    expectedInB.add(id);
                } else if (one.equals(a)) {
                    if (differs(i)) {
                        wonByA++;
                    }
                    expectedInA.add(id);
                } else {
                    unknownPayloads++;
                }
            }
            figures.put("differing_payload_ids_won_by_instance_1_payload", wonByA);
            figures.put("differing_payload_ids_won_by_instance_2_payload", wonByB);
            figures.put("ids_whose_bytes_differ_between_instances", differingBytes);
            figures.put("ids_with_a_payload_never_sent", unknownPayloads);
            check(failures, differingBytes == 0, "retrieve_ops bytes differ between the instances for " + differingBytes + " ids: " + examples);
            check(failures, unknownPayloads == 0, "retrieve_ops returned a payload never sent for " + unknownPayloads + " ids");

            // The FULL-arc time slice over both created_at ranges: each id exactly once, at the winner's created_at.
            long sliceStart = rangeA;
            long sliceEnd = rangeA + RANGE_B_OFFSET + distinct;
            for (int n = 0; n < instances.size(); n++) {
                PlainHttp via = new PlainHttp(instances.get(n).api(), space, calls);
                String name = "instance_" + (n + 1);
                List<String> full = SpaceReads.fullArcSlice(via, sliceStart, sliceEnd);
                Map<String, Integer> times = new HashMap<>();
                full.forEach(id -> times.merge(id, 1, Integer::sum));
                long twice = times.values().stream().filter(c -> c > 1).count();
                long absent = ids.stream().filter(id -> !times.containsKey(id)).count();
                long foreign = times.keySet().stream().filter(id -> !indexOf.containsKey(id)).count();
                figures.put("time_slice_ids_via_" + name, full.size());
                figures.put("time_slice_duplicated_via_" + name, twice);
                figures.put("time_slice_absent_via_" + name, absent);
                check(failures, twice == 0, "FULL time slice via " + name + ": " + twice + " ids more than once ("
                        + full.size() + " ids for " + distinct + " ops)");
                check(failures, absent == 0, "FULL time slice via " + name + ": " + absent + " ids absent");
                check(failures, foreign == 0, "FULL time slice via " + name + ": " + foreign + " ids never sent");

                // Range A (instance 1's created_at, and the shared one) and range B (instance 2's): each id in the range of its winner.
                Set<String> inA = new HashSet<>(SpaceReads.fullArcSlice(via, sliceStart, rangeA + RANGE_B_OFFSET));
                Set<String> inB = new HashSet<>(SpaceReads.fullArcSlice(via, rangeA + RANGE_B_OFFSET, sliceEnd));
                Set<String> wrongA = new HashSet<>(inA);
                wrongA.removeAll(expectedInA);
                Set<String> wrongB = new HashSet<>(inB);
                wrongB.removeAll(expectedInB);
                figures.put("time_slice_at_a_losing_created_at_via_" + name, wrongA.size() + wrongB.size());
                check(failures, wrongA.isEmpty() && wrongB.isEmpty(), "time slice via " + name + ": " + (wrongA.size() + wrongB.size())
                        + " ids at a created_at other than their winning payload's (" + wrongA.size() + " in range A, " + wrongB.size() + " in range B)");
                check(failures, inA.containsAll(expectedInA) && inB.containsAll(expectedInB),
                        "time slice via " + name + ": ids missing at their winning created_at");
            }
        } catch (AssertionError | RuntimeException e) {
            figures.put("verification_failed", e.getMessage());
            throw e;
        } finally {
            calls.report(figures);
            figures.put("problems", problems);
            figures.put("failures", failures);
            Figures.write("same-op-storm", figures);
        }

        // One assertion naming every failure at once: the storm's answers, then what was read afterwards.
        List<String> all = new ArrayList<>(problems);
        check(all, rounds.get() >= MIN_ROUNDS, "only " + rounds.get() + " storm rounds in " + figures.get("storm_seconds") + " s");
        check(all, calls.non2xx() == 0, calls.non2xx() + " answers were not 2xx: " + calls.firstRefusals());
        all.addAll(failures);
        assertThat(all).as("same-op storm over %d ids (figures in target/reliability-figures/same-op-storm.json)", distinct).isEmpty();
    }

    private static void check(List<String> failures, boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    private static String first(java.util.Collection<String> ids) {
        return ids.isEmpty() ? "-" : ids.iterator().next();
    }

    private static String mark(String opData) {
        byte[] data = Base64Url.decode(opData, "op_data");
        return data.length == 0 ? "none" : String.format("%02X", data[0]);
    }
}
