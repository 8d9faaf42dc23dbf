package org.k2store.cassandra.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ContactPointsTest {
  @Test
  void parsesHostsPortsAndDefaults() {
    assertThat(ContactPoints.parse(" 127.0.0.1:9142, 127.0.0.2 ,[::1]:9043"))
        .containsExactly(
            new InetSocketAddress("127.0.0.1", 9142),
            new InetSocketAddress("127.0.0.2", 9042),
            new InetSocketAddress("::1", 9043));
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> ContactPoints.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContactPoints.parse("host:port")).isInstanceOf(IllegalArgumentException.class);
  }
}
