package org.k2store.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.k2store.api.Base64Url;
import org.k2store.api.BoundedPage;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
import org.k2store.api.MetaOp;
import org.k2store.api.OpId;
import org.k2store.api.OpStore;
import org.k2store.api.SliceHash;
import org.k2store.api.SliceIndexes;
import org.k2store.api.TimeSliceHashes;
import org.k2store.api.Timestamp;

/**
 * The OpStore of one space, served by a k2store service: each method is one v1 call (or, for the
 * id lists of {@code retrieve_ops} and {@code filter_out_existing_ops}, one call per chunk of ids so
 * that no request exceeds the service's per-request limit; chunk answers concatenate to the whole).
 * Errors arrive as failed futures of the API's exception types, as from a local store.
 */
public final class RemoteOpStore implements OpStore {

    private static final Set<Integer> OK = Set.of(200);

    private final HttpTransport transport;
    private final SpaceId space;
    private final String prefix;
    private final int maxIdsPerRequest;
    private final int maxOpsPerRequest;
    private final long maxBodyBytesPerRequest;

    /** What one request may carry, as the service's limits allow. */
    record Limits(int maxIdsPerRequest, int maxOpsPerRequest, long maxBodyBytesPerRequest) {
    }

    RemoteOpStore(HttpTransport transport, SpaceId space, Limits limits) {
        this.transport = transport;
        this.space = space;
        this.prefix = "/v1/spaces/" + space.base64();
        this.maxIdsPerRequest = limits.maxIdsPerRequest();
        this.maxOpsPerRequest = limits.maxOpsPerRequest();
        this.maxBodyBytesPerRequest = limits.maxBodyBytesPerRequest();
    }

    public SpaceId space() {
        return space;
    }

    @Override
    public CompletableFuture<List<OpId>> processIncomingOps(List<byte[]> ops) {
        return guarded(() -> {
            require(ops, "ops");
            for (int i = 0; i < ops.size(); i++) {
                require(ops.get(i), "ops[" + i + "]");
            }
            // Sent one after the other, so stamps still rise through the whole batch and ids come back in order.
            return inSequence(OpBatches.split(ops, maxOpsPerRequest, maxBodyBytesPerRequest), chunk -> {
                // Always the base64url of the exact bytes, envelopes and IncomingOp objects too: the service decodes them as it would locally.
                byte[] body = WireJson.write(json -> WireJson.writeBase64Array(json, "ops", chunk));
                return send("process_incoming_ops", "POST", "/ops", body, Answers::opIds);
            });
        });
    }

    @Override
    public CompletableFuture<TimeSliceHashes> retrieveOpHashesInTimeSlice(DhtArc arc, Timestamp start, Timestamp end) {
        return guarded(() -> {
            require(arc, "arc");
            require(start, "start");
            require(end, "end");
            String call = "retrieve_op_hashes_in_time_slice";
            return send(call, "GET", "/time-slice?arc=" + arc + "&start=" + start.micros() + "&end=" + end.micros(), null, Answers::timeSlice);
        });
    }

    @Override
    public CompletableFuture<List<MetaOp>> retrieveOps(List<OpId> ids) {
        return guarded(() -> inChunks(ids, chunk -> {
            byte[] body = WireJson.write(json -> WireJson.writeIdArray(json, "op_ids", chunk));
            return send("retrieve_ops", "POST", "/ops/retrieve", body, Answers::ops);
        }));
    }

    @Override
    public CompletableFuture<List<OpId>> filterOutExistingOps(List<OpId> ids) {
        return guarded(() -> inChunks(ids, chunk -> {
            byte[] body = WireJson.write(json -> WireJson.writeIdArray(json, "op_ids", chunk));
            return send("filter_out_existing_ops", "POST", "/ops/filter-existing", body, Answers::opIds);
        }));
    }

    @Override
    public CompletableFuture<BoundedPage> retrieveOpIdsBounded(DhtArc arc, Timestamp start, long limitBytes) {
        return guarded(() -> {
            require(arc, "arc");
            require(start, "start");
            String call = "retrieve_op_ids_bounded";
            return send(call, "GET", "/bounded?arc=" + arc + "&start=" + start.micros() + "&limit_bytes=" + limitBytes, null, Answers::bounded);
        });
    }

    @Override
    public CompletableFuture<Optional<Timestamp>> earliestTimestampInArc(DhtArc arc) {
        return guarded(() -> {
            require(arc, "arc");
            return send("earliest_timestamp_in_arc", "GET", "/earliest?arc=" + arc, null, Answers::earliest);
        });
    }

    @Override
    public CompletableFuture<Void> storeSliceHash(DhtArc arc, long sliceIndex, byte[] hash) {
        return guarded(() -> {
            require(arc, "arc");
            require(hash, "hash");
            byte[] body = WireJson.write(json -> json.writeStringField("hash", Base64Url.encode(hash)));
            return transport.send(new HttpTransport.Call<Void>("store_slice_hash", "PUT",
                    prefix + sliceHashPath(arc) + "/" + SliceIndexes.toString(sliceIndex), body, Set.of(200, 204), space, (status, answer) -> null));
        });
    }

    @Override
    public CompletableFuture<Long> sliceHashCount(DhtArc arc) {
        return guarded(() -> {
            require(arc, "arc");
            return send("slice_hash_count", "GET", sliceHashPath(arc) + "/count", null, (call, answer) -> Answers.count(call, answer, true));
        });
    }

    @Override
    public CompletableFuture<Optional<byte[]>> retrieveSliceHash(DhtArc arc, long sliceIndex) {
        return guarded(() -> {
            require(arc, "arc");
            String call = "retrieve_slice_hash";
            // A 404 is an answer here when its reason says no hash is stored; an unknown space stays an error.
            return transport.send(new HttpTransport.Call<>(call, "GET", prefix + sliceHashPath(arc) + "/" + SliceIndexes.toString(sliceIndex),
                    null, Set.of(200, 404), space, (status, answer) -> {
                        if (status == 200) {
                            return Optional.of(Answers.hash(call, answer));
                        }
                        byte[] error = answer.readNBytes(Exchange.MAX_ERROR_BYTES);
                        if (ServiceErrors.SLICE_HASH_NOT_FOUND.equals(ServiceErrors.ErrorBody.read(error).reason())) {
                            return Optional.empty();
                        }
                        throw ServiceErrors.toException(call, space, 404, error, Optional.empty());
                    }));
        });
    }

    @Override
    public CompletableFuture<List<SliceHash>> retrieveSliceHashes(DhtArc arc) {
        return guarded(() -> {
            require(arc, "arc");
            return send("retrieve_slice_hashes", "GET", sliceHashPath(arc), null, Answers::sliceHashes);
        });
    }

    @Override
    public CompletableFuture<Long> queryTotalOpCount() {
        return guarded(() -> send("query_total_op_count", "GET", "/op-count", null, (call, answer) -> Answers.count(call, answer, false)));
    }

    private static String sliceHashPath(DhtArc arc) {
        return "/slice-hashes/" + arc;
    }

    /** Reads a 200 answer of the named call from its body as it arrives. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(String call, InputStream body) throws IOException;
    }

    /** Sends a call on this space ({@code path} is relative to it) that succeeds with a 200, whose answer {@code reader} reads. */
    private <T> CompletableFuture<T> send(String call, String method, String path, byte[] body, Reader<T> reader) {
        return transport.send(new HttpTransport.Call<>(call, method, prefix + path, body, OK, space, (status, answer) -> reader.read(call, answer)));
    }

    /** Sends {@code ids} in chunks of at most {@link #maxIdsPerRequest}, one after the other, and concatenates the answers. */
    private <T> CompletableFuture<List<T>> inChunks(List<OpId> ids, Function<List<OpId>, CompletableFuture<List<T>>> call) {
        require(ids, "op_ids");
        for (int i = 0; i < ids.size(); i++) {
            require(ids.get(i), "op_ids[" + i + "]");
        }
        List<List<OpId>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += maxIdsPerRequest) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + maxIdsPerRequest)));
        }
        return inSequence(chunks.isEmpty() ? List.of(ids) : chunks, call);
    }

    /** One call per chunk, one after the other; the answers concatenated in order. */
    private static <C, T> CompletableFuture<List<T>> inSequence(List<C> chunks, Function<C, CompletableFuture<List<T>>> call) {
        if (chunks.size() == 1) {
            return call.apply(chunks.get(0));
        }
        CompletableFuture<List<T>> all = CompletableFuture.completedFuture(new ArrayList<>());
        for (C chunk : chunks) {
            all = all.thenCompose(done -> call.apply(chunk).thenApply(part -> {
                done.addAll(part);
                return done;
            }));
        }
        return all;
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidInputException(field + ": missing");
        }
    }

    /** Input errors become failed futures, as the OpStore contract asks: a method never throws them. */
    private static <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
