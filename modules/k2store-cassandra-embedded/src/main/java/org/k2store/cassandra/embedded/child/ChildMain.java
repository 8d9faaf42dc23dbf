package org.k2store.cassandra.embedded.child;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * Main class of the Cassandra child JVM; runs there, not in the launcher. Its class file is copied
 * into the node's conf directory so the child's classpath holds nothing of the launcher's.
 *
 * <p>Why it exists: a shutdown hook cannot run when the launcher is killed with SIGKILL. The
 * launcher keeps the child's stdin open as a pipe; when the launcher dies, for whatever reason, the
 * pipe closes and this watchdog exits the child, which runs Cassandra's own orderly shutdown.
 *
 * <p>Must stay free of nested or anonymous classes: only this one class file is copied.
 */
public final class ChildMain {
  private ChildMain() {}

  public static void main(String[] args) throws Throwable {
    Thread watchdog = new Thread(ChildMain::exitWhenLauncherGoes, "k2store-launcher-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      Class.forName("org.apache.cassandra.service.CassandraDaemon")
          .getMethod("main", String[].class)
          .invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void exitWhenLauncherGoes() {
    try {
      while (System.in.read() != -1) {
        // the launcher never writes; reading just waits for end of stream
      }
    } catch (IOException e) {
      // a broken pipe means the same: the launcher is gone
    }
    System.err.println("k2store: stdin closed (launcher stopping or gone); shutting Cassandra down");
    System.exit(0);
  }
}
