package org.k2store.cassandra.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Cassandra ({@link CassandraProvider} says which): one per test JVM, shared by
 * every test class that uses the extension, started on first use and stopped when the run ends.
 *
 * <p>Use {@code @ExtendWith(CassandraExtension.class)} and take a {@link CassandraEndpoint} or a
 * {@link CqlSession} as a parameter (constructor, lifecycle or test method), or register a static
 * instance with {@code @RegisterExtension} and call {@link #endpoint()}. Injected sessions are
 * created by the extension, one per test class, and closed after the class; sessions opened via
 * {@link CassandraEndpoint#openSession()} belong to the test. The node is shared, so tests should
 * use their own keyspaces and fully qualified table names rather than {@code USE}.
 */
public final class CassandraExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassandraExtension.class);
  private static final AtomicInteger PROVISIONS = new AtomicInteger();

  private volatile CassandraEndpoint endpoint;

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoint = shared(context).endpoint();
  }

  /** The shared Cassandra, for a {@code @RegisterExtension} instance (valid from beforeAll on). */
  public CassandraEndpoint endpoint() {
    CassandraEndpoint current = endpoint;
    if (current == null) {
      throw new IllegalStateException("Cassandra is not started yet: use it from @BeforeAll on");
    }
    return current;
  }

  /** The shared Cassandra, for other extensions; starts it if needed. */
  public static CassandraEndpoint endpoint(ExtensionContext context) {
    return shared(context).endpoint();
  }

  /** How many Cassandras this JVM provided: 1 if sharing works. */
  static int provisions() {
    return PROVISIONS.get();
  }

  private static ProvidedCassandra shared(ExtensionContext context) {
    // The root store outlives every test class and closes the value (AutoCloseable) at the end.
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ProvidedCassandra.class, key -> {
      PROVISIONS.incrementAndGet();
      return CassandraProvider.provide(System.getenv());
    }, ProvidedCassandra.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == CassandraEndpoint.class || type == CqlSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    CassandraEndpoint shared = shared(context).endpoint();
    if (parameter.getParameter().getType() == CassandraEndpoint.class) {
      return shared;
    }
    // One session per test class; the store closes it (CqlSession is AutoCloseable) after the class.
    return classContext(context).getStore(NAMESPACE)
        .getOrComputeIfAbsent(CqlSession.class, key -> shared.openSession(), CqlSession.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }
}
