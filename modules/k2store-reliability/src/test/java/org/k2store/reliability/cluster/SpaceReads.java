package org.k2store.reliability.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read calls the scenarios verify with, over {@link PlainHttp} (no retries): each one fails the
 * scenario with the answer it got when that answer is not 2xx, since a refused read during
 * verification is as much a failure as a refused write. Ids are base64url strings throughout.
 */
final class SpaceReads {

    /** Ids per filter / retrieve call: well under limits.maxIdsPerRequest (10,000). */
    static final int CHUNK = 5000;

    private SpaceReads() {
    }

    private static JsonNode ok(PlainHttp.Answer answer, String what) {
        if (!answer.ok()) {
            throw new AssertionError(what + " answered " + answer);
        }
        return answer.json();
    }

    /** filter_out_existing_ops over every id, in chunks: the ids the instance does not have. */
    static List<String> missing(PlainHttp via, List<String> ids) {
        List<String> missing = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            String body = idsBody(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
            JsonNode answer = ok(via.post("filter_out_existing_ops", "/ops/filter-existing", body), "filter_out_existing_ops");
            answer.get("op_ids").forEach(id -> missing.add(id.asText()));
        }
        return missing;
    }

    /** retrieve_ops over every id, in chunks: op id to its op_data (base64url), as the instance returns them. */
    static Map<String, String> retrieve(PlainHttp via, List<String> ids, int chunk) {
        Map<String, String> found = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += chunk) {
            String body = idsBody(ids.subList(from, Math.min(ids.size(), from + chunk)));
            JsonNode answer = ok(via.post("retrieve_ops", "/ops/retrieve", body), "retrieve_ops");
            for (JsonNode op : answer.get("ops")) {
                String previous = found.put(op.get("op_id").asText(), op.get("op_data").asText());
                if (previous != null) {
                    throw new AssertionError("retrieve_ops returned " + op.get("op_id").asText() + " twice");
                }
            }
        }
        return found;
    }

    /** query_total_op_count. */
    static long opCount(PlainHttp via) {
        return ok(via.get("query_total_op_count", "/op-count"), "query_total_op_count").get("count").asLong();
    }

    /** The op_count of GET /v1/spaces/{space}. */
    static long spaceOpCount(PlainHttp via) {
        return ok(via.get("get_space", ""), "get_space").get("op_count").asLong();
    }

    /** retrieve_op_hashes_in_time_slice over the FULL arc, {@code start} inclusive, {@code end} exclusive. */
    static List<String> fullArcSlice(PlainHttp via, long start, long end) {
        JsonNode answer = ok(via.get("retrieve_op_hashes_in_time_slice", "/time-slice?arc=0..4294967295&start=" + start + "&end=" + end),
                "time slice " + start + ".." + end);
        List<String> ids = new ArrayList<>();
        answer.get("op_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** One page of retrieve_op_ids_bounded over the FULL arc. */
    record Page(List<String> opIds, long next) {
    }

    static Page bounded(PlainHttp via, long start, long limitBytes) {
        JsonNode answer = ok(via.get("retrieve_op_ids_bounded", "/bounded?arc=0..4294967295&start=" + start + "&limit_bytes=" + limitBytes),
                "bounded page from " + start);
        List<String> ids = new ArrayList<>();
        answer.get("op_ids").forEach(id -> ids.add(id.asText()));
        return new Page(ids, answer.get("next_start").asLong());
    }

    static String idsBody(List<String> ids) {
        StringBuilder body = new StringBuilder(ids.size() * 48 + 16).append("{\"op_ids\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "\"" : ",\"").append(ids.get(i)).append('"');
        }
        return body.append("]}").toString();
    }
}
