package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A prepared statement of the write path with the codec of each bind marker resolved once.
 * {@code PreparedStatement.bind(values...)} looks the codec up again for every value it encodes
 * (the registry walks its codecs, and collections are inspected element by element); a 100-op write
 * binds about 3,500 values, and those lookups were a twentieth of the service's CPU. Values must be
 * of each column's default Java type (Long for bigint, Set&lt;Long&gt; for set&lt;bigint&gt;...).
 * The codecs are resolved at the first bind, so a statement that is never bound needs nothing of
 * its session but the prepare.
 */
final class HotStatement {

    private final PreparedStatement prepared;
    private final Supplier<CodecRegistry> registry;
    /** Immutable once set; two first binds racing resolve the same list, and either may win. */
    private List<TypeCodec<Object>> codecs;

    HotStatement(PreparedStatement prepared, Supplier<CodecRegistry> registry) {
        this.prepared = prepared;
        this.registry = registry;
    }

    BoundStatement bind(Object... values) {
        List<TypeCodec<Object>> resolved = codecs;
        if (resolved == null) {
            resolved = resolve();
            codecs = resolved;
        }
        if (values.length != resolved.size()) {
            throw new IllegalArgumentException(resolved.size() + " values expected, got " + values.length + ": " + prepared.getQuery());
        }
        BoundStatementBuilder builder = prepared.boundStatementBuilder();
        for (int i = 0; i < values.length; i++) {
            builder = builder.set(i, values[i], resolved.get(i));
        }
        return builder.build();
    }

    private List<TypeCodec<Object>> resolve() {
        CodecRegistry codecRegistry = registry.get();
        List<TypeCodec<Object>> found = new ArrayList<>();
        for (ColumnDefinition variable : prepared.getVariableDefinitions()) {
            found.add(codecRegistry.codecFor(variable.getType()));
        }
        return List.copyOf(found);
    }
}
