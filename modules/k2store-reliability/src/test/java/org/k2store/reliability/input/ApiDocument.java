package org.k2store.reliability.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of the API as the service's own /openapi.yaml lists them: the tests walk this
 * list instead of a hand-kept one, so an endpoint added to the API cannot be left out of them.
 */
final class ApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    /** One method on one path: its query parameters, path parameters, and whether it takes a body or a token. */
    record Operation(String method, String path, List<String> query, Map<String, String> examples, List<String> pathParams,
            boolean body, boolean secured) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private ApiDocument() {
    }

    static List<Operation> operations(byte[] yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode op = entry.getValue();
                List<String> query = new ArrayList<>();
                Map<String, String> examples = new LinkedHashMap<>();
                for (JsonNode parameter : op.path("parameters")) {
                    JsonNode resolved = resolve(root, parameter);
                    if ("query".equals(resolved.path("in").asText())) {
                        String name = resolved.path("name").asText();
                        query.add(name);
                        // A documented default or example is a valid value for a parameter the tests do not know.
                        JsonNode schema = resolved.path("schema");
                        JsonNode example = schema.has("default") ? schema.get("default") : schema.path("example");
                        if (!example.isMissingNode()) {
                            examples.put(name, example.asText());
                        }
                    }
                }
                boolean secured = !(op.has("security") && op.path("security").isEmpty());
                operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(query),
                        Map.copyOf(examples), pathParams(path.getKey()), op.has("requestBody"), secured));
            }
        }
        return operations;
    }

    private static List<String> pathParams(String path) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PATH_PARAM.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        JsonNode target = root;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }
}
