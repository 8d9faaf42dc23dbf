package org.k2store.cassandra.testing;

/**
 * The Cassandra all tests of one JVM share, with how to let go of it. Kept in JUnit's root store,
 * which closes AutoCloseable values when the test run ends.
 */
record ProvidedCassandra(CassandraEndpoint endpoint, String description, AutoCloseable stopper)
    implements AutoCloseable {

  @Override
  public void close() {
    try {
      stopper.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + description, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop " + description, e);
    }
  }
}
