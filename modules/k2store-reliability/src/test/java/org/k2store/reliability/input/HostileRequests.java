package org.k2store.reliability.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The fuzzer's generator: from a seed, a stream of requests that each break ONE part of a valid
 * request to one operation of the API document (a path or query value, the body, its content type,
 * the method, a header, the path itself), so that the error answer can be checked to name it.
 */
final class HostileRequests {

    /** A request, what was broken in it, and the words one of which a 400's message must contain. */
    record Case(String kind, ApiDocument.Operation operation, RawHttp.Request request, Set<String> fields) {
    }

    /** What Jetty's own refusals of an unparseable request target start with: no field can be known yet. */
    private static final String REQUEST = "request:";
    private static final Set<String> BODY_FIELDS = Set.of("body", "ops", "op_ids", "hash", "codec", "location");

    private final Random random;
    private final List<ApiDocument.Operation> operations;
    private final SpaceFixture fixture;
    private final String token;
    private final long maxBodyBytes;

    HostileRequests(long seed, List<ApiDocument.Operation> operations, SpaceFixture fixture, String token, long maxBodyBytes) {
        this.random = new Random(seed);
        this.operations = operations;
        this.fixture = fixture;
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The {@code n}th case: operations in turn, so every one gets its share; the breakage drawn at random. */
    Case next(int n) {
        ApiDocument.Operation operation = operations.get(n % operations.size());
        List<String> kinds = new ArrayList<>(List.of("method", "header", "path"));
        if (!operation.pathParams().isEmpty()) {
            kinds.add("path-param");
            kinds.add("path-param");
        }
        if (!operation.query().isEmpty()) {
            kinds.add("query-param");
            kinds.add("query-param");
        }
        if (operation.body()) {
            kinds.addAll(List.of("body", "body", "body", "junk-body", "nested-body", "content-type", "oversized-body", "too-many-ids"));
        }
        String kind = kinds.get(random.nextInt(kinds.size()));
        return switch (kind) {
            case "path-param" -> pathParam(operation);
            case "query-param" -> queryParam(operation);
            case "body" -> body(operation, kind, HostileValues.pick(random, HostileValues.BAD_BODIES).getBytes(StandardCharsets.UTF_8));
            case "junk-body" -> body(operation, kind, junkBytes());
            case "nested-body" -> body(operation, kind, HostileValues.deeplyNested(random, 20 + random.nextInt(20_000))
                    .getBytes(StandardCharsets.UTF_8));
            case "oversized-body" -> body(operation, kind, oversized());
            case "too-many-ids" -> body(operation, kind, HostileValues.manyIds(10_001 + random.nextInt(5_000))
                    .getBytes(StandardCharsets.UTF_8));
            case "content-type" -> contentType(operation);
            case "method" -> method(operation);
            case "header" -> header(operation);
            default -> path(operation);
        };
    }

    private Case pathParam(ApiDocument.Operation operation) {
        String name = operation.pathParams().get(random.nextInt(operation.pathParams().size()));
        String value = switch (name) {
            case "space" -> random.nextInt(4) == 0 ? HostileValues.junk(random, 40) : HostileValues.pick(random, HostileValues.SPACES);
            case "arc" -> random.nextInt(4) == 0 ? HostileValues.junk(random, 30) : HostileValues.pick(random, HostileValues.ARCS);
            default -> random.nextInt(4) == 0 ? HostileValues.junk(random, 30) : HostileValues.pick(random, HostileValues.NUMBERS);
        };
        String path = operation.path();
        for (String param : operation.pathParams()) {
            path = path.replace("{" + param + "}", param.equals(name) ? value : ValidRequests.pathValue(param, fixture));
        }
        return valid(operation, "path-param " + name, path + ValidRequests.query(operation), Set.of(name, REQUEST));
    }

    private Case queryParam(ApiDocument.Operation operation) {
        String name = operation.query().get(random.nextInt(operation.query().size()));
        int how = random.nextInt(6);
        List<String> pairs = new ArrayList<>();
        for (String param : operation.query()) {
            if (!param.equals(name)) {
                pairs.add(param + "=" + ValidRequests.queryValue(operation, param));
            } else if (how == 0) {
                continue; // missing
            } else if (how == 1) {
                pairs.add(param); // no '='
            } else {
                String value = name.equals("arc") ? HostileValues.pick(random, HostileValues.ARCS)
                        : HostileValues.pick(random, HostileValues.NUMBERS);
                pairs.add(param + "=" + (how == 5 ? HostileValues.junk(random, 30) : value));
            }
        }
        String path = ValidRequests.path(operation, fixture) + "?" + String.join("&", pairs);
        return valid(operation, "query-param " + name, path, Set.of(name, REQUEST));
    }

    private Case valid(ApiDocument.Operation operation, String kind, String target, Set<String> fields) {
        RawHttp.Request base = ValidRequests.of(operation, fixture, token);
        return new Case(kind, operation, new RawHttp.Request(base.method(), target, base.headers(), base.body()), fields);
    }

    private Case body(ApiDocument.Operation operation, String kind, byte[] body) {
        RawHttp.Request base = ValidRequests.of(operation, fixture, token);
        return new Case(kind, operation, new RawHttp.Request(base.method(), base.target(), base.headers(), body), BODY_FIELDS);
    }

    private byte[] junkBytes() {
        byte[] junk = new byte[1 + random.nextInt(2048)];
        random.nextBytes(junk);
        return junk;
    }

    private byte[] oversized() {
        StringBuilder body = new StringBuilder("{\"ops\": [\"");
        body.append("A".repeat((int) maxBodyBytes + 1 + random.nextInt(4096)));
        return body.append("\"]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private Case contentType(ApiDocument.Operation operation) {
        RawHttp.Request base = ValidRequests.of(operation, fixture, token);
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Authorization", "Bearer " + token});
        if (random.nextInt(5) > 0) {
            headers.add(new String[] {"Content-Type", HostileValues.pick(random, HostileValues.CONTENT_TYPES)});
        }
        return new Case("content-type", operation, new RawHttp.Request(base.method(), base.target(), headers, base.body()), Set.of());
    }

    private Case method(ApiDocument.Operation operation) {
        String method = HostileValues.pick(random, HostileValues.METHODS);
        RawHttp.Request base = ValidRequests.of(operation, fixture, token);
        return new Case("method " + method, operation, new RawHttp.Request(method, base.target(), base.headers(), base.body()), Set.of());
    }

    private Case header(ApiDocument.Operation operation) {
        RawHttp.Request base = ValidRequests.of(operation, fixture, token);
        List<String[]> headers = new ArrayList<>(base.headers().stream().filter(h -> !h[0].equals("Authorization")).toList());
        String[] extra = switch (random.nextInt(10)) {
            case 0 -> new String[] {"Authorization", "Bearer"};
            case 1 -> new String[] {"Authorization", "Basic " + HostileValues.junk(random, 30)};
            case 2 -> new String[] {"Authorization", "Bearer " + "x".repeat(4000 + random.nextInt(3000))};
            case 3 -> new String[] {"Authorization", "Bearer " + HostileValues.junk(random, 40)};
            case 4 -> new String[] {"Accept", HostileValues.pick(random, List.of("text/html", "application/xml", "image/*", "*/x", "junk"))};
            case 5 -> new String[] {"Content-Length", HostileValues.pick(random, List.of("-5", "abc", "99999999999999999999", "1, 2"))};
            case 6 -> new String[] {"Transfer-Encoding", HostileValues.pick(random, List.of("gzip", "chunked, identity", "junk"))};
            case 7 -> new String[] {"Content-Encoding", HostileValues.pick(random, List.of("gzip", "br", "junk"))};
            case 8 -> new String[] {"X-" + HostileValues.junk(random, 10).replaceAll("[^A-Za-z0-9-]", "a"), HostileValues.junk(random, 200)};
            default -> new String[] {"Authorization", "Bearer " + token + HostileValues.junk(random, 5)};
        };
        if (!extra[0].equals("Authorization") && random.nextBoolean()) {
            headers.add(new String[] {"Authorization", "Bearer " + token});
        }
        headers.add(extra);
        return new Case("header " + extra[0], operation, new RawHttp.Request(base.method(), base.target(), headers, base.body()), Set.of());
    }

    private Case path(ApiDocument.Operation operation) {
        RawHttp.Request base = ValidRequests.of(operation, fixture, token);
        String target = base.target();
        String odd = switch (random.nextInt(12)) {
            case 0 -> target + "/" + HostileValues.junk(random, 20);
            case 1 -> target.replace("/v1/", "/v1//");
            case 2 -> target.replace("/spaces/", "/spaces/../spaces/");
            case 3 -> target.replace("/spaces/", "/spaces/%2e%2e/");
            case 4 -> target.replace("/spaces/", "/spaces/%2F/");
            case 5 -> target.replace("/v1/", "/v1;x=y/");
            case 6 -> "/v1/" + "a/".repeat(3000 + random.nextInt(3000));
            case 7 -> target.replace("/spaces/", "/spaces/\u00e9\ud83d\ude00/");
            case 8 -> target.replace("/v1/", "/V1/");
            case 9 -> "*";
            case 10 -> "http://evil.example" + target;
            default -> target.replace("/spaces/", "/spaces/%00/");
        };
        return new Case("path", operation, new RawHttp.Request(base.method(), odd, base.headers(), base.body()), Set.of());
    }
}
