package org.k2store.bench.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.k2store.api.Base64Url;
import org.k2store.bench.report.LatencyStats;

/**
 * Issue 16: which HTTP library should carry K2StoreClient's calls? Times the candidates against a
 * running service, with 1, 8 and 64 concurrent callers, on small calls (an empty-arc GET, a 1-id
 * retrieve_ops POST) and a time slice of {@code SLICE_OPS} ids. Candidates take turns in rounds (A, B,
 * C, A, B, C, ...) with a rotating first, so a neighbour's load on the shared machine hits them alike.
 *
 * <pre>java -cp modules/k2store-bench/target/k2store-bench.jar org.k2store.bench.transport.TransportShootout \
 *     http://127.0.0.1:18080 [calls per candidate, default 5000] [callers, default 1,8,64] [candidates, default all]</pre>
 * Each caller is an asynchronous loop: it sends its next call when its last completes, as a host's
 * futures would; the latency of a call runs from the call to its future's completion.
 */
public final class TransportShootout {

    private static final String SPACE = "dHJhbnNwb3J0LXNob290b3V0"; // "transport-shootout"
    private static final int SLICE_OPS = 2_000;
    private static final long START_MICROS = 1_700_000_000_000_000L;
    private static final int ROUNDS = 10;
    private static final int MAX_IN_FLIGHT = 64;

    private TransportShootout() {
    }

    /** One kind of call, and how many calls of it each candidate makes per concurrency. */
    private record Workload(String name, CandidateTransport.Request request, int calls) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TransportShootout <baseUri> [callsPerCandidate] [callers,...] [candidate,...]");
            System.exit(2);
        }
        String base = args[0].endsWith("/") ? args[0].substring(0, args[0].length() - 1) : args[0];
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int[] callerCounts = Arrays.stream((args.length > 2 ? args[2] : "1,8,64").split(",")).mapToInt(Integer::parseInt).toArray();
        // HttpURLConnection keeps 5 idle connections per server unless told otherwise (a JVM-wide setting).
        System.setProperty("http.maxConnections", Integer.toString(MAX_IN_FLIGHT));

        String firstId = prepare(base);
        String prefix = "/v1/spaces/" + SPACE;
        List<Workload> workloads = List.of(
                // The smallest GET: the service answers an empty arc without asking Cassandra, so the client's cost shows.
                new Workload("earliest GET", new CandidateTransport.Request(prefix + "/earliest?arc=empty", null), calls),
                new Workload("retrieve_ops 1 id", new CandidateTransport.Request(prefix + "/ops/retrieve",
                        ("{\"op_ids\":[\"" + firstId + "\"]}").getBytes(StandardCharsets.UTF_8)), calls),
                new Workload("time slice " + SLICE_OPS + " ids", new CandidateTransport.Request(prefix + "/time-slice?arc=0..4294967295&start="
                        + START_MICROS + "&end=" + (START_MICROS + SLICE_OPS), null), Math.max(ROUNDS, calls / 5)));

        List<CandidateTransport> all = List.of(new JdkAsyncTransport(base),
                new JdkBlockingTransport(base, MAX_IN_FLIGHT, JdkBlockingTransport.Internal.CACHED),
                new JdkBlockingTransport(base, MAX_IN_FLIGHT, JdkBlockingTransport.Internal.FIXED_2),
                new JdkBlockingTransport(base, MAX_IN_FLIGHT, JdkBlockingTransport.Internal.DIRECT), new ApacheClassicTransport(base, MAX_IN_FLIGHT),
                new UrlConnectionTransport(base, MAX_IN_FLIGHT), new SocketFloorTransport(base, MAX_IN_FLIGHT));
        List<String> chosen = args.length > 3 ? List.of(args[3].split(",")) : all.stream().map(CandidateTransport::name).toList();
        List<CandidateTransport> candidates = all.stream().filter(candidate -> chosen.contains(candidate.name())).toList();
        System.out.printf(Locale.ROOT, "# Transport shootout against %s: %d cores, %s %s, %d calls per candidate and concurrency%n%n", base,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"), calls);
        System.out.println("| call | callers | candidate | p50 ms | p99 ms | calls/s | p50 vs sendAsync | calls/s vs sendAsync |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        try {
            for (Workload workload : workloads) {
                for (int callers : callerCounts) {
                    measure(workload, callers, candidates);
                }
            }
        } finally {
            for (CandidateTransport candidate : all) {
                candidate.close();
            }
        }
    }

    private static void measure(Workload workload, int callers, List<CandidateTransport> candidates) throws InterruptedException {
        for (CandidateTransport candidate : candidates) { // warm-up: connections open, code compiled
            run(candidate, workload.request(), callers, Math.max(200, workload.calls() / 5), new long[Math.max(200, workload.calls() / 5)], 0);
        }
        int perRound = workload.calls() / ROUNDS;
        Map<CandidateTransport, long[]> latencies = new LinkedHashMap<>();
        Map<CandidateTransport, long[]> elapsed = new LinkedHashMap<>();
        candidates.forEach(candidate -> {
            latencies.put(candidate, new long[perRound * ROUNDS]);
            elapsed.put(candidate, new long[1]);
        });
        for (int round = 0; round < ROUNDS; round++) {
            for (int turn = 0; turn < candidates.size(); turn++) {
                CandidateTransport candidate = candidates.get((round + turn) % candidates.size());
                elapsed.get(candidate)[0] += run(candidate, workload.request(), callers, perRound, latencies.get(candidate), round * perRound);
            }
        }
        LatencyStats reference = null;
        double referenceRate = 0;
        for (CandidateTransport candidate : candidates) {
            LatencyStats stats = LatencyStats.ofNanos(latencies.get(candidate));
            double rate = stats.samples() / (elapsed.get(candidate)[0] / 1e9);
            if (reference == null) {
                reference = stats;
                referenceRate = rate;
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.3f | %.3f | %.0f | %.2f | %.2f |%n", workload.name(), callers, candidate.name(),
                    stats.p50Ms(), stats.p99Ms(), rate, stats.p50Ms() / reference.p50Ms(), rate / referenceRate);
        }
    }

    /** {@code calls} calls by {@code callers} asynchronous loops; latencies land in {@code into} from {@code from}. Returns the nanoseconds taken. */
    private static long run(CandidateTransport candidate, CandidateTransport.Request request, int callers, int calls, long[] into, int from)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(callers);
        long start = System.nanoTime();
        for (int caller = 0; caller < callers; caller++) {
            loop(candidate, request, calls, next, failures, done, into, from);
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(candidate.name() + ": calls did not end");
        }
        long took = System.nanoTime() - start;
        if (failures.get() > 0) {
            throw new IllegalStateException(candidate.name() + ": " + failures.get() + " calls failed");
        }
        return took;
    }

    private static void loop(CandidateTransport candidate, CandidateTransport.Request request, int calls, AtomicInteger next,
            AtomicInteger failures, CountDownLatch done, long[] into, int from) {
        int call = next.getAndIncrement();
        if (call >= calls || failures.get() > 0) {
            done.countDown();
            return;
        }
        long start = System.nanoTime();
        candidate.call(request).whenComplete((body, error) -> {
            into[from + call] = System.nanoTime() - start;
            if (error != null || body.length == 0) {
                if (failures.getAndIncrement() == 0) {
                    System.err.println(candidate.name() + ": " + (error != null ? error : "empty answer"));
                }
            }
            loop(candidate, request, calls, next, failures, done, into, from);
        });
    }

    /** Creates the space and stores {@code SLICE_OPS} envelope ops one microsecond apart; returns the first op's id. */
    private static String prepare(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String space = base + "/v1/spaces/" + SPACE;
        send(http, HttpRequest.newBuilder(URI.create(space)).PUT(json("{\"codec\":\"envelope\",\"location\":\"suffix-le32\"}")));
        Random random = new Random(16);
        List<String> ids = new ArrayList<>();
        String data = Base64Url.encode(new byte[512]);
        for (int batch = 0; batch < SLICE_OPS / 500; batch++) {
            StringBuilder body = new StringBuilder("{\"ops\":[");
            for (int i = 0; i < 500; i++) {
                byte[] id = new byte[36];
                random.nextBytes(id);
                ids.add(Base64Url.encode(id));
                body.append(i == 0 ? "" : ",").append("{\"op_id\":\"").append(ids.get(ids.size() - 1)).append("\",\"created_at\":")
                        .append(START_MICROS + batch * 500L + i).append(",\"op_data\":\"").append(data).append("\"}");
            }
            send(http, HttpRequest.newBuilder(URI.create(space + "/ops")).POST(json(body.append("]}").toString())));
        }
        return ids.get(0);
    }

    private static HttpRequest.BodyPublisher json(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private static void send(HttpClient http, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.build().uri() + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
