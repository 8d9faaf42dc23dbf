package org.k2store.cassandra.testing;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * Whether Testcontainers can reach a Docker engine. Asked on a daemon thread with a time limit, so
 * a half-configured Docker (client present, engine absent or unreachable) cannot hang the tests.
 */
final class DockerProbe {
  private DockerProbe() {}

  static boolean dockerAvailable(Duration timeout) {
    FutureTask<Boolean> check = new FutureTask<>(() -> DockerClientFactory.instance().isDockerAvailable());
    Thread thread = new Thread(check, "k2store-docker-probe");
    thread.setDaemon(true);
    thread.start();
    try {
      return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      return false;
    } catch (ExecutionException | LinkageError e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
