package org.k2store.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's deploy/ directory read the way its tools read it: every YAML file as a list of
 * documents (SnakeYAML, which also resolves compose's anchors and merge keys), Kubernetes objects
 * by kind and name, and JSON-patch "replace" operations of the kustomize overlays applied to them.
 */
final class DeployManifests {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");

    private DeployManifests() {
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a file; a syntax error fails with the file's name. */
    static List<Object> documents(Path file) {
        return documents(read(file), file.toString());
    }

    static List<Object> documents(String yaml, String where) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        try {
            new Yaml(options).loadAll(yaml).forEach(document -> {
                if (document != null) {
                    documents.add(document);
                }
            });
        } catch (RuntimeException e) {
            throw new AssertionError(where + " does not parse: " + e.getMessage(), e);
        }
        return documents;
    }

    /** The Kubernetes objects of the base, keyed "Kind/name", deep copies so overlays can patch them. */
    static Map<String, Map<String, Object>> kubernetesBase() {
        Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
        Path base = DEPLOY.resolve("kubernetes/base");
        for (Object resource : list(map(documents(base.resolve("kustomization.yaml")).get(0)).get("resources"))) {
            for (Object document : documents(base.resolve((String) resource))) {
                Map<String, Object> object = map(document);
                objects.put(object.get("kind") + "/" + map(object.get("metadata")).get("name"), object);
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map)) {
            throw new AssertionError("expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (!(node instanceof List)) {
            throw new AssertionError("expected a list, found " + node);
        }
        return (List<Object>) node;
    }

    /** The node at a slash path ("spec/template/spec/containers/0/env"), failing with the path when absent. */
    static Object at(Object node, String path) {
        Object current = node;
        for (String step : path.split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            if (current instanceof List<?> items) {
                int index = Integer.parseInt(step);
                if (index >= items.size()) {
                    throw new AssertionError("no element " + index + " on the way to " + path);
                }
                current = items.get(index);
            } else if (current instanceof Map<?, ?> fields && fields.containsKey(step)) {
                current = fields.get(step);
            } else {
                throw new AssertionError("no field '" + step + "' on the way to " + path);
            }
        }
        return current;
    }

    /** Applies one JSON-patch replace: the target path must exist, as kustomize requires. */
    @SuppressWarnings("unchecked")
    static void replace(Map<String, Object> object, String path, Object value) {
        int last = path.lastIndexOf('/');
        Object parent = at(object, path.substring(0, last));
        String key = path.substring(last + 1);
        if (parent instanceof List<?> items) {
            int index = Integer.parseInt(key);
            if (index >= items.size()) {
                throw new AssertionError("replace of a missing element: " + path);
            }
            ((List<Object>) items).set(index, value);
        } else {
            Map<String, Object> fields = map(parent);
            if (!fields.containsKey(key)) {
                throw new AssertionError("replace of a missing field: " + path);
            }
            fields.put(key, value);
        }
    }

    /** A container's env list as name -> value. */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object entry : list(container.getOrDefault("env", List.of()))) {
            Map<String, Object> variable = map(entry);
            env.put((String) variable.get("name"), Objects.toString(variable.get("value"), null));
        }
        return env;
    }

    /** A container's env variables that come from Secrets, as name -> "secret/key". */
    static Map<String, String> envFromSecrets(Map<String, Object> container) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (Object entry : list(container.getOrDefault("env", List.of()))) {
            Map<String, Object> variable = map(entry);
            if (variable.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") instanceof Map<?, ?> ref) {
                refs.put((String) variable.get("name"), ref.get("name") + "/" + ref.get("key"));
            }
        }
        return refs;
    }

    static Map<String, Object> firstContainer(Map<String, Object> workload) {
        return map(at(workload, "spec/template/spec/containers/0"));
    }
}
