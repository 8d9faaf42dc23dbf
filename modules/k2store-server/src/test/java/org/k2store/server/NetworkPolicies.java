package org.k2store.server;

import static org.k2store.server.DeployManifests.at;
import static org.k2store.server.DeployManifests.list;
import static org.k2store.server.DeployManifests.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ingress NetworkPolicies of a set of Kubernetes objects, evaluated the way a network plugin
 * does for one pod and one port: which peers (a {@code from} entry; an empty map for "anywhere")
 * may connect. Only what the manifests use is understood (matchLabels, matchExpressions In, numeric
 * ports); anything else fails, so a policy this cannot read is not silently taken as safe.
 */
final class NetworkPolicies {

    /** The peer of a rule without {@code from}: every source. */
    static final Map<String, Object> ANYWHERE = Map.of();

    private NetworkPolicies() {
    }

    /** True when some ingress policy selects a pod with these labels, so it admits only what policies allow. */
    static boolean isolated(Map<String, Map<String, Object>> objects, Map<String, Object> podLabels) {
        return !policiesFor(objects, podLabels).isEmpty();
    }

    /** The peers admitted to {@code port} of a pod with {@code podLabels}; empty when the pod is isolated and none is. */
    static List<Map<String, Object>> peers(Map<String, Map<String, Object>> objects, Map<String, Object> podLabels, int port) {
        List<Map<String, Object>> peers = new ArrayList<>();
        for (Map<String, Object> policy : policiesFor(objects, podLabels)) {
            for (Object entry : list(map(policy.get("spec")).getOrDefault("ingress", List.of()))) {
                Map<String, Object> rule = map(entry);
                if (!coversPort(rule, port)) {
                    continue;
                }
                if (!rule.containsKey("from")) {
                    peers.add(ANYWHERE);
                } else {
                    list(rule.get("from")).forEach(peer -> peers.add(map(peer)));
                }
            }
        }
        return peers;
    }

    /** True when a label selector (matchLabels, matchExpressions with In) selects {@code labels}. */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        for (Map.Entry<String, Object> label : map(selector.getOrDefault("matchLabels", Map.of())).entrySet()) {
            if (!Objects.equals(labels.get(label.getKey()), label.getValue())) {
                return false;
            }
        }
        for (Object entry : list(selector.getOrDefault("matchExpressions", List.of()))) {
            Map<String, Object> expression = map(entry);
            if (!"In".equals(expression.get("operator"))) {
                throw new AssertionError("selector operator not understood here: " + expression);
            }
            if (!list(expression.get("values")).contains(labels.get((String) expression.get("key")))) {
                return false;
            }
        }
        return true;
    }

    private static List<Map<String, Object>> policiesFor(Map<String, Map<String, Object>> objects, Map<String, Object> podLabels) {
        List<Map<String, Object>> policies = new ArrayList<>();
        objects.forEach((key, object) -> {
            if (key.startsWith("NetworkPolicy/")) {
                Map<String, Object> spec = map(object.get("spec"));
                boolean ingress = list(spec.getOrDefault("policyTypes", List.of("Ingress"))).contains("Ingress");
                if (ingress && selects(map(at(spec, "podSelector")), podLabels)) {
                    policies.add(object);
                }
            }
        });
        return policies;
    }

    private static boolean coversPort(Map<String, Object> rule, int port) {
        if (!rule.containsKey("ports")) {
            return true;
        }
        for (Object entry : list(rule.get("ports"))) {
            Object value = map(entry).get("port");
            if (!(value instanceof Integer number)) {
                throw new AssertionError("only numeric ports are understood here: " + entry);
            }
            if (number == port) {
                return true;
            }
        }
        return false;
    }
}
