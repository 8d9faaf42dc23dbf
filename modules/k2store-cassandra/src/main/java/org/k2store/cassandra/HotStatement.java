package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared statement of the write path with the codec of each bind marker resolved once.
 * {@code PreparedStatement.bind(values...)} looks the codec up again for every value it encodes
 * (the registry walks its codecs, and collections are inspected element by element); a 100-op write
 * binds about 3,500 values, and those lookups were a twentieth of the service's CPU. Values must be
 * of each column's default Java type (Long for bigint, Set&lt;Long&gt; for set&lt;bigint&gt;...).
 */
final class HotStatement {

    private final PreparedStatement prepared;
    private final List<TypeCodec<Object>> codecs = new ArrayList<>();

    HotStatement(PreparedStatement prepared, CodecRegistry registry) {
        this.prepared = prepared;
        for (ColumnDefinition variable : prepared.getVariableDefinitions()) {
            codecs.add(registry.codecFor(variable.getType()));
        }
    }

    BoundStatement bind(Object... values) {
        if (values.length != codecs.size()) {
            throw new IllegalArgumentException(codecs.size() + " values expected, got " + values.length + ": " + prepared.getQuery());
        }
        BoundStatementBuilder builder = prepared.boundStatementBuilder();
        for (int i = 0; i < values.length; i++) {
            builder = builder.set(i, values[i], codecs.get(i));
        }
        return builder.build();
    }
}
