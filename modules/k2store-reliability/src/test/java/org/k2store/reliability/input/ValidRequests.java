package org.k2store.reliability.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-formed request for any operation of the API document, aimed at a fixture's space: the
 * baseline that the fuzzer breaks one part of at a time, and what the isolation test sends with
 * the wrong credentials. Writes repeat what is stored, so a baseline that gets through changes
 * nothing. Parameters the document adds later get neutral values.
 */
final class ValidRequests {

    private ValidRequests() {
    }

    static String pathValue(String name, SpaceFixture fixture) {
        return switch (name) {
            case "space" -> fixture.space();
            case "arc" -> fixture.arc();
            case "index" -> fixture.index();
            default -> "0";
        };
    }

    static String queryValue(ApiDocument.Operation operation, String name) {
        return switch (name) {
            case "arc" -> SpaceFixture.FULL_ARC;
            case "start" -> "0";
            case "end" -> Long.toString(Long.MAX_VALUE);
            case "limit_bytes" -> "1000000";
            default -> operation.examples().getOrDefault(name, "1");
        };
    }

    static String body(ApiDocument.Operation operation, SpaceFixture fixture) {
        String path = operation.path();
        if (path.endsWith("/ops")) {
            return "{\"ops\": " + SpaceFixture.jsonStrings(fixture.opBytes().subList(0, Math.min(3, fixture.opBytes().size()))) + "}";
        }
        if (path.endsWith("/ops/retrieve") || path.endsWith("/ops/filter-existing")) {
            return "{\"op_ids\": " + SpaceFixture.jsonStrings(fixture.opIds()) + "}";
        }
        if (path.endsWith("/{index}")) {
            return "{\"hash\": \"" + fixture.hash() + "\"}";
        }
        if (path.equals("/v1/spaces/{space}")) {
            return "{\"codec\": \"kitsune2-memory\", \"location\": \"xor-fold\"}";
        }
        return "{}";
    }

    /** The path with every parameter filled in. */
    static String path(ApiDocument.Operation operation, SpaceFixture fixture) {
        String path = operation.path();
        for (String name : operation.pathParams()) {
            path = path.replace("{" + name + "}", pathValue(name, fixture));
        }
        return path;
    }

    static String query(ApiDocument.Operation operation) {
        List<String> pairs = new ArrayList<>();
        for (String name : operation.query()) {
            pairs.add(name + "=" + queryValue(operation, name));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    static RawHttp.Request of(ApiDocument.Operation operation, SpaceFixture fixture, String token) {
        byte[] body = operation.body() ? body(operation, fixture).getBytes(StandardCharsets.UTF_8) : new byte[0];
        return RawHttp.Request.of(operation.method(), path(operation, fixture) + query(operation), token,
                operation.body() ? "application/json" : null, body);
    }
}
