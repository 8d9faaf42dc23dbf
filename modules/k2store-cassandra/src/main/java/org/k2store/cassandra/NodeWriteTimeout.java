package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cassandra's {@code write_request_timeout} as the node the driver asks reports it (the
 * {@code system_views.settings} virtual table, Cassandra 4.0 and later): how long after it was sent
 * a mutation may still be applied. Read once at start-up; Cassandra's default when it cannot be read.
 */
final class NodeWriteTimeout {

    /** Cassandra's default, used when the node does not say. */
    static final Duration DEFAULT = Duration.ofMillis(2000);

    private static final Logger LOG = LoggerFactory.getLogger(NodeWriteTimeout.class);
    private static final Pattern VALUE = Pattern.compile("(\\d+)\\s*(ms|s|us|µs|m|h|d)?");

    private NodeWriteTimeout() {
    }

    /** Blocks: call at start-up only. */
    static Duration read(CqlSession session, Duration requestTimeout) {
        try {
            // Cassandra 4.1+ names it write_request_timeout ("2000ms"), 4.0 write_request_timeout_in_ms ("2000").
            for (Row row : session.execute(SimpleStatement.newInstance(
                    "SELECT name, value FROM system_views.settings WHERE name IN ('write_request_timeout', 'write_request_timeout_in_ms')")
                    .setTimeout(requestTimeout))) {
                Optional<Duration> parsed = parse(row.getString("value"), row.getString("name").endsWith("_in_ms") ? "ms" : null);
                if (parsed.isPresent()) {
                    return parsed.get();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read write_request_timeout from system_views.settings ({}); assuming Cassandra's default {}",
                    e.getMessage(), DEFAULT);
        }
        return DEFAULT;
    }

    /** "2000ms", "2s", or a bare number in {@code bareUnit}; empty when it is neither. */
    static Optional<Duration> parse(String value, String bareUnit) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = VALUE.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) != null ? m.group(2) : bareUnit;
        if (unit == null) {
            return Optional.empty();
        }
        return Optional.of(switch (unit) {
            case "us", "µs" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }
}
