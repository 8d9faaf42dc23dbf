package org.k2store.cassandra.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Where a test's Cassandra is: what a driver needs to connect, whichever way it was provided. */
public record CassandraEndpoint(List<InetSocketAddress> contactPoints, String localDatacenter) {
  public CassandraEndpoint {
    contactPoints = List.copyOf(contactPoints);
    Objects.requireNonNull(localDatacenter, "localDatacenter");
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("no contact points");
    }
  }

  /**
   * A builder already pointed at this Cassandra; add keyspace, config, ... as needed. Its config
   * (application.conf/reference.conf as usual) drops Netty's 2 s shutdown quiet period, which
   * would otherwise make every session's close() take 2 s, and gives requests and schema agreement
   * 30 s instead of 2 s and 10 s: tests share 2 cores with a Cassandra node, and a test must fail on
   * a wrong answer, not on a slow one.
   */
  public CqlSessionBuilder sessionBuilder() {
    return CqlSession.builder()
        .addContactPoints(contactPoints)
        .withLocalDatacenter(localDatacenter)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
            .build());
  }

  /** A new session the caller owns and closes. */
  public CqlSession openSession() {
    return sessionBuilder().build();
  }
}
