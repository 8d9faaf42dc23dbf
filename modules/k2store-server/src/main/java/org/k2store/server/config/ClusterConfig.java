package org.k2store.server.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.k2store.cassandra.CassandraStoreConfig;

/**
 * The store's own settings, bound from the {@code cassandra:} section, with two additions so that
 * the environment can override the non-scalar values: contact points may be a comma-separated string
 * ({@code K2STORE_CASSANDRA_CONTACT_POINTS=a:9042,b:9042}; empty means "run the embedded node"),
 * and an empty {@code dataCenters} (an unset variable) is an empty map.
 */
public final class ClusterConfig extends CassandraStoreConfig {

    @JsonSetter("contactPoints")
    public void contactPointsFromConfig(JsonNode value) {
        List<String> points = new ArrayList<>();
        if (value == null || value.isNull() || value.isMissingNode()) {
            setContactPoints(points);
            return;
        }
        if (value.isArray()) {
            value.forEach(point -> points.add(point.asText().strip()));
        } else {
            for (String point : value.asText().split(",")) {
                if (!point.isBlank()) {
                    points.add(point.strip());
                }
            }
        }
        setContactPoints(points);
    }

    @JsonSetter("dataCenters")
    public void dataCentersFromConfig(Map<String, Integer> dataCenters) {
        setDataCenters(dataCenters == null ? Map.of() : dataCenters);
    }
}
