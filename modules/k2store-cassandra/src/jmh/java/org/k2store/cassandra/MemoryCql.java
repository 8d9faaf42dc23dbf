package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.detach.AttachmentPoint;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Just enough of a Cassandra session, in memory, to run the store's own read path (PartitionStream,
 * OrderedMerge, PartitionPlanner) without a node: the CPU cost of those classes, no network. Rows hold
 * their columns as the protocol's bytes and are decoded by the driver's own codecs, as real rows are;
 * pages are answered at once (completed futures). Statements the store prepares become placeholders
 * whose bound values {@link #answer} hands to a function.
 *
 * A test source of k2store-cassandra (src/jmh/java), beside the benchmarks that use it.
 */
final class MemoryCql {

    private static final ProtocolVersion PROTOCOL = DefaultProtocolVersion.V5;

    private final Map<Statement<?>, MemoryPage> partitions = new IdentityHashMap<>();
    private final Function<Object[], List<Row>> boundAnswers;
    private final int pageSize;
    private final CqlSession session;

    /** {@code boundAnswers}: the rows of a bound prepared statement, from its values. */
    MemoryCql(int pageSize, Function<Object[], List<Row>> boundAnswers) {
        this.pageSize = pageSize;
        this.boundAnswers = boundAnswers;
        this.session = (CqlSession) Proxy.newProxyInstance(MemoryCql.class.getClassLoader(), new Class<?>[] {CqlSession.class}, sessionHandler());
    }

    CqlSession session() {
        return session;
    }

    /** A statement that reads one partition holding {@code rows} (already in clustering order). */
    Statement<?> partition(List<Row> rows) {
        Statement<?> statement = SimpleStatement.newInstance("SELECT created_at, op_id, location, size FROM memory WHERE partition = ?",
                partitions.size());
        partitions.put(statement, MemoryPage.of(rows, pageSize));
        return statement;
    }

    /** A row of an index table: {@code (time bigint, op_id blob, location int, size int)}. */
    static Row indexRow(long time, byte[] opId, int location, int size) {
        return new MemoryRow(new DataType[] {DataTypes.BIGINT, DataTypes.BLOB, DataTypes.INT, DataTypes.INT},
                new ByteBuffer[] {ByteBuffer.allocate(8).putLong(0, time), ByteBuffer.wrap(opId.clone()), ByteBuffer.allocate(4).putInt(0, location),
                        ByteBuffer.allocate(4).putInt(0, size)});
    }

    /** A row of the bucket index: {@code (time_bucket bigint)}. */
    static Row bucketRow(long timeBucket) {
        return new MemoryRow(new DataType[] {DataTypes.BIGINT}, new ByteBuffer[] {ByteBuffer.allocate(8).putLong(0, timeBucket)});
    }

    private InvocationHandler sessionHandler() {
        return (proxy, method, args) -> switch (method.getName()) {
            case "prepare" -> Proxy.newProxyInstance(MemoryCql.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, preparedHandler());
            case "executeAsync" -> CompletableFuture.completedFuture(execute((Statement<?>) args[0]));
            case "toString" -> "MemoryCql session";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException("MemoryCql session: " + method.getName());
        };
    }

    private static InvocationHandler preparedHandler() {
        return (proxy, method, args) -> switch (method.getName()) {
            case "bind" -> Proxy.newProxyInstance(MemoryCql.class.getClassLoader(), new Class<?>[] {BoundStatement.class},
                    new BoundValues((Object[]) args[0]));
            case "toString" -> "MemoryCql prepared statement";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException("MemoryCql prepared statement: " + method.getName());
        };
    }

    private AsyncResultSet execute(Statement<?> statement) {
        MemoryPage first = partitions.get(statement);
        if (first != null) {
            return first;
        }
        if (Proxy.isProxyClass(statement.getClass()) && Proxy.getInvocationHandler(statement) instanceof BoundValues bound) {
            return MemoryPage.of(boundAnswers.apply(bound.values), pageSize);
        }
        throw new UnsupportedOperationException("MemoryCql: no answer for " + statement);
    }

    /** A bound statement: its values, for the answer function. */
    private record BoundValues(Object[] values) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
            return switch (method.getName()) {
                case "toString" -> "MemoryCql bound statement";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException("MemoryCql bound statement: " + method.getName());
            };
        }
    }

    /** One page of rows and the pages after it; immutable, so a partition can be read again and again. */
    private static final class MemoryPage implements AsyncResultSet {
        private final List<Row> rows;
        private final MemoryPage next;

        private MemoryPage(List<Row> rows, MemoryPage next) {
            this.rows = rows;
            this.next = next;
        }

        static MemoryPage of(List<Row> rows, int pageSize) {
            MemoryPage page = null;
            int pages = Math.max(1, (rows.size() + pageSize - 1) / pageSize);
            for (int p = pages - 1; p >= 0; p--) {
                page = new MemoryPage(List.copyOf(rows.subList(p * pageSize, Math.min(rows.size(), (p + 1) * pageSize))), page);
            }
            return page;
        }

        @Override
        public Iterable<Row> currentPage() {
            return rows;
        }

        @Override
        public int remaining() {
            return rows.size();
        }

        @Override
        public boolean hasMorePages() {
            return next != null;
        }

        @Override
        public CompletionStage<AsyncResultSet> fetchNextPage() {
            if (next == null) {
                throw new IllegalStateException("no more pages");
            }
            return CompletableFuture.completedFuture(next);
        }

        @Override
        public ColumnDefinitions getColumnDefinitions() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecutionInfo getExecutionInfo() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean wasApplied() {
            return true;
        }
    }

    /** A row as the protocol sends it: each column's bytes, decoded on access by the driver's codecs. */
    private static final class MemoryRow implements Row {
        private final DataType[] types;
        private final ByteBuffer[] values;

        MemoryRow(DataType[] types, ByteBuffer[] values) {
            this.types = types;
            this.values = values;
        }

        @Override
        public ByteBuffer getBytesUnsafe(int i) {
            return values[i];
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public DataType getType(int i) {
            return types[i];
        }

        @Override
        public CodecRegistry codecRegistry() {
            return CodecRegistry.DEFAULT;
        }

        @Override
        public ProtocolVersion protocolVersion() {
            return PROTOCOL;
        }

        @Override
        public ColumnDefinitions getColumnDefinitions() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int firstIndexOf(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DataType getType(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int firstIndexOf(com.datastax.oss.driver.api.core.CqlIdentifier id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DataType getType(com.datastax.oss.driver.api.core.CqlIdentifier id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isDetached() {
            return false;
        }

        @Override
        public void attach(AttachmentPoint attachmentPoint) {
        }

        @Override
        public String toString() {
            return "MemoryRow" + List.of(values);
        }
    }
}
