package org.k2store.cassandra.embedded;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Readiness as a client sees it: a real CQL query through the driver. The cheap TCP check first
 * keeps the driver from logging a connection failure for every poll while the node boots.
 */
final class CqlProbe {
  private CqlProbe() {}

  static boolean accepts(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Returns Cassandra's release_version, or throws what the driver threw. */
  static String releaseVersion(InetSocketAddress contactPoint, String localDatacenter) {
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
        .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
        .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
        // Netty's default 2 s quiet period would make every probe's close() take 2 s.
        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
        .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
        .build();
    try (CqlSession session = CqlSession.builder()
        .addContactPoint(contactPoint)
        .withLocalDatacenter(localDatacenter)
        .withConfigLoader(config)
        .build()) {
      Row row = session.execute("SELECT release_version FROM system.local").one();
      if (row == null) {
        throw new IllegalStateException("system.local is empty");
      }
      return row.getString("release_version");
    }
  }
}
