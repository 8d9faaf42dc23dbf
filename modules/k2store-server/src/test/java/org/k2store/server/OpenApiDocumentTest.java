package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.k2store.server.resources.OpenApiResource;

/**
 * The served /openapi.yaml as a host generating its client sees it: valid OpenAPI 3.0 by a real
 * validator (the parser openapi-generator uses), every operation explained, every parameter and
 * property described, and every error an operation can answer listed with the error JSON. No
 * service and no Cassandra: the document is a resource; ApplicationTest compares it with the routes.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // swagger's model hands out raw Schema maps and lists
class OpenApiDocumentTest {

    private static String document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
            assertThat(in).as(OpenApiResource.RESOURCE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The validator's findings: structural errors, unexpected attributes, unresolved references. */
    private static List<String> findings(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        List<String> findings = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            findings.add("not an OpenAPI document");
        } else if (!"3.0.3".equals(result.getOpenAPI().getOpenapi())) {
            findings.add("openapi: " + result.getOpenAPI().getOpenapi() + ", not 3.0.3");
        }
        return findings;
    }

    private static OpenAPI parsed(boolean resolveFully) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(resolveFully);
        return new OpenAPIV3Parser().readContents(document(), null, options).getOpenAPI();
    }

    @Test
    void isValidOpenApi303() {
        assertThat(findings(document())).as("the OpenAPI validator's findings").isEmpty();
    }

    @Test
    void theValidatorCatchesAStrayPropertyFromAnUnquotedComma() {
        // The flaw the document once had: in a flow mapping a comma ends the description, and what
        // follows becomes a key of the schema. The validator must see it, or the test above proves nothing.
        String broken = """
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths: {}
                components:
                  schemas:
                    Call:
                      type: object
                      properties:
                        rate_1m: {type: number, description: calls per second, one-minute moving average}
                """;
        assertThat(findings(broken)).anySatisfy(finding -> assertThat(finding).contains("one-minute moving average"));
    }

    @Test
    void everyOperationSaysWhatItDoes() {
        OpenAPI api = parsed(true);
        List<String> missing = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        operations(api).forEach((name, op) -> {
            if (blank(op.getSummary())) {
                missing.add(name + ": summary");
            }
            if (blank(op.getDescription())) {
                missing.add(name + ": description");
            }
            if (blank(op.getOperationId()) || !ids.add(op.getOperationId())) {
                missing.add(name + ": a unique operationId");
            }
            for (Parameter parameter : parameters(api, name, op)) {
                if (blank(parameter.getDescription())) {
                    missing.add(name + ": description of parameter " + parameter.getName());
                }
            }
            for (var response : op.getResponses().entrySet()) {
                if (blank(response.getValue().getDescription())) {
                    missing.add(name + ": description of response " + response.getKey());
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void everySchemaPropertyIsDescribed() {
        OpenAPI api = parsed(false);
        List<String> missing = new ArrayList<>();
        for (var schema : api.getComponents().getSchemas().entrySet()) {
            undescribed(api, schema.getKey(), schema.getValue(), missing);
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyOperationListsTheErrorsItCanAnswer() {
        OpenAPI api = parsed(true);
        List<String> missing = new ArrayList<>();
        operations(api).forEach((name, op) -> {
            String path = name.substring(name.indexOf(' ') + 1);
            Set<String> expected = new TreeSet<>(Set.of("429")); // the in-flight cap covers every path
            boolean secured = op.getSecurity() == null || !op.getSecurity().isEmpty();
            if (secured) {
                expected.add("401");
            }
            if (path.contains("{space}")) {
                expected.addAll(Set.of("400", "403"));
                if (!name.equals("PUT /v1/spaces/{space}")) { // creating the space is the one call that cannot miss it
                    expected.add("404");
                }
            }
            if (op.getRequestBody() != null) {
                expected.addAll(Set.of("400", "408", "413", "415"));
            }
            if (!parameters(api, name, op).stream().filter(p -> "query".equals(p.getIn())).toList().isEmpty()) {
                expected.add("400");
            }
            if (path.startsWith("/v1/") && !path.equals("/v1/console/service")) {
                expected.add("503"); // every call but the service figures waits for Cassandra
            }
            if (path.equals("/v1/console/service")) {
                expected.add("403"); // the whole service's figures need a tenant granted "*"
            }
            for (String status : expected) {
                ApiResponse response = op.getResponses().get(status);
                if (response == null) {
                    missing.add(name + ": " + status);
                    continue;
                }
                MediaType json = response.getContent() == null ? null : response.getContent().get("application/json");
                if (json == null || json.getSchema() == null || json.getSchema().getProperties() == null
                        || !json.getSchema().getProperties().keySet().containsAll(Set.of("code", "reason", "message"))) {
                    missing.add(name + ": " + status + " as the error JSON {code, reason, message}");
                }
                if ((status.equals("429") || status.equals("503"))
                        && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
                    missing.add(name + ": " + status + " with Retry-After");
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    private static Map<String, Operation> operations(OpenAPI api) {
        Map<String, Operation> operations = new java.util.TreeMap<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            path.getValue().readOperationsMap().forEach((method, op) -> operations.put(method + " " + path.getKey(), op));
        }
        return operations;
    }

    /** The operation's parameters and its path's, references resolved. */
    private static List<Parameter> parameters(OpenAPI api, String name, Operation op) {
        List<Parameter> all = new ArrayList<>();
        PathItem item = api.getPaths().get(name.substring(name.indexOf(' ') + 1));
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        return all.stream().map(p -> p.get$ref() == null ? p
                : api.getComponents().getParameters().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1))).toList();
    }

    /** Adds every property under {@code schema} that has no description (a reference is described by its target). */
    private static void undescribed(OpenAPI api, String where, Schema<?> schema, List<String> missing) {
        if (schema == null) {
            return;
        }
        if (schema.getProperties() != null) {
            for (var property : schema.getProperties().entrySet()) {
                String at = where + "." + property.getKey();
                Schema<?> value = property.getValue();
                Schema<?> target = value.get$ref() == null ? value
                        : api.getComponents().getSchemas().get(value.get$ref().substring(value.get$ref().lastIndexOf('/') + 1));
                if (target == null || blank(value.getDescription()) && blank(target.getDescription())) {
                    missing.add(at);
                }
                if (value.get$ref() == null) {
                    undescribed(api, at, value, missing);
                }
            }
        }
        undescribed(api, where + "[]", schema.getItems(), missing);
        for (var parts : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (parts != null) {
                parts.forEach(part -> undescribed(api, where, part, missing));
            }
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
