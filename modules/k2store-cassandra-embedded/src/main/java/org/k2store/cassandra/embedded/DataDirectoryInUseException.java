package org.k2store.cassandra.embedded;

import java.nio.file.Path;

/** Another launcher (this JVM or another) runs a node on this data directory. */
public final class DataDirectoryInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Path dataDirectory;

  public DataDirectoryInUseException(Path dataDirectory) {
    super("data directory in use by another embedded Cassandra: " + dataDirectory);
    this.dataDirectory = dataDirectory;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }
}
