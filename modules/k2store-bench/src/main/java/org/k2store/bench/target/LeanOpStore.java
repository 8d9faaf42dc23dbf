package org.k2store.bench.target;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.k2store.api.Base64Url;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/**
 * One space of the service through {@link LeanHttpClient}: every OpStore call is one request, sent
 * and read on the caller's thread over a keep-alive connection taken from an idle set (a caller that
 * finds none opens one; at most {@link #MAX_IDLE} stay open), and the answer parsed by
 * {@link LeanAnswers}. The futures it returns are already complete. What a host's client cannot
 * avoid (a socket write, a socket read, the JSON), with nothing else: so the bench can show the
 * service's own cost beside the Java client's.
 */
final class LeanOpStore implements OpStore, AutoCloseable {

    /** Enough for the sweep's 64 callers; connections past it are closed after their call. */
    static final int MAX_IDLE = 128;
    private static final int TIMEOUT_MILLIS = 60_000;

    private final String host;
    private final int port;
    private final String prefix;
    private final BlockingQueue<LeanHttpClient> idle = new ArrayBlockingQueue<>(MAX_IDLE);

    LeanOpStore(URI service, String spaceBase64) {
        this.host = service.getHost();
        this.port = service.getPort();
        this.prefix = "/v1/spaces/" + spaceBase64;
    }

    @Override
    public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
        return call("POST", "/ops", opsBody(ops), f -> f.opIds);
    }

    /** A JSON body {"ops": [base64url, ...]}, as K2StoreClient sends it. */
    static StringBuilder opsBody(List<byte[]> ops) {
        StringBuilder json = new StringBuilder(16 + ops.size() * (ops.isEmpty() ? 0 : ops.get(0).length * 4 / 3 + 4)).append("{\"ops\":[");
        for (int i = 0; i < ops.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(Base64Url.encode(ops.get(i))).append('"');
        }
        return json.append("]}");
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return call("GET", "/time-slice?arc=" + arc + "&start=" + start.micros() + "&end=" + end.micros(), null,
                f -> new TimeSliceHashes(f.opIds, f.totalBytes));
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        return call("POST", "/ops/retrieve", idList(ids), f -> f.ops);
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        return call("POST", "/ops/filter-existing", idList(ids), f -> f.opIds);
    }

    @Override
    public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
        return call("GET", "/bounded?arc=" + arc + "&start=" + start.micros() + "&limit_bytes=" + limitBytes, null,
                f -> new BoundedPage(f.opIds, f.totalBytes, Timestamp.ofMicros(f.nextStart)));
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        return call("GET", "/earliest?arc=" + arc, null, f -> Optional.ofNullable(f.number).map(Timestamp::ofMicros));
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        StringBuilder body = new StringBuilder("{\"hash\":\"").append(Base64Url.encode(hash)).append("\"}");
        return exchange("PUT", "/slice-hashes/" + arc + "/" + SliceIndexes.toString(sliceIndex), body, false, response -> null);
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return call("GET", "/slice-hashes/" + arc + "/count", null, f -> f.number);
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        // 404 is the answer "none stored" (the lean client does not tell it from an unknown space).
        return exchange("GET", "/slice-hashes/" + arc + "/" + SliceIndexes.toString(sliceIndex), null, true,
                response -> response.status() == 404 ? Optional.empty()
                        : Optional.of(Base64Url.decode(LeanAnswers.read(response.body()).hash, "hash")));
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return call("GET", "/slice-hashes/" + arc, null, f -> f.sliceHashes);
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return call("GET", "/op-count", null, f -> f.number);
    }

    private static StringBuilder idList(List<OpId> ids) {
        StringBuilder json = new StringBuilder(16 + ids.size() * 50).append("{\"op_ids\":[");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(ids.get(i).toBase64()).append('"');
        }
        return json.append("]}");
    }

    private <T> CompletableFuture<T> call(String method, String path, CharSequence body, Function<LeanAnswers.Fields, T> answer) {
        return exchange(method, path, body, false, response -> answer.apply(LeanAnswers.read(response.body())));
    }

    /** What the caller makes of a 2xx answer (and of a 404 when it takes those). */
    private interface Reader<T> {
        T read(LeanHttpClient.Response response) throws IOException;
    }

    private <T> CompletableFuture<T> exchange(String method, String path, CharSequence body, boolean notFoundIsAnswer, Reader<T> reader) {
        LeanHttpClient connection = idle.poll();
        if (connection == null) {
            connection = new LeanHttpClient(host, port, TIMEOUT_MILLIS);
        }
        LeanHttpClient.Response response;
        try {
            response = connection.send(method, prefix + path, "application/json",
                    body == null ? null : body.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            connection.close();
            return CompletableFuture.failedFuture(e);
        }
        if (!idle.offer(connection)) {
            connection.close();
        }
        try {
            if (response.status() / 100 != 2 && !(notFoundIsAnswer && response.status() == 404)) {
                String text = response.bodyText();
                throw new IOException(method + " " + path + ": HTTP " + response.status() + ": " + (text.length() > 200 ? text.substring(0, 200) : text));
            }
            return CompletableFuture.completedFuture(reader.read(response));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        for (LeanHttpClient connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
    }
}
