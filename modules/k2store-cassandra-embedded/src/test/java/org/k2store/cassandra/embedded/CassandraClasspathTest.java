package org.k2store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CassandraClasspathTest {
  @Test
  void listsTheWholeServerClasspathForTheRootPomsCassandraVersion() {
    CassandraClasspath classpath = CassandraClasspath.load();

    // k2store-cassandra-classpath has no parent, so its cassandra.version is a copy of the root's.
    assertThat(classpath.cassandraVersion()).isEqualTo(System.getProperty("expected.cassandra.version"));
    assertThat(classpath.jars()).hasSizeGreaterThan(50).allMatch(Files::isRegularFile);
    assertThat(classpath.jammAgent().getFileName().toString()).startsWith("jamm-");
    assertThat(classpath.jars()).map(jar -> jar.getFileName().toString())
        .anyMatch(name -> name.startsWith("logback-classic-"))
        .anyMatch(name -> name.startsWith("netty-all-"))
        // the launcher's own dependencies must not leak in
        .noneMatch(name -> name.startsWith("java-driver-core-"))
        .noneMatch(name -> name.startsWith("junit-"))
        .noneMatch(name -> name.startsWith("k2store-"));
  }

  @Test
  void cassandraIsNotOnTheLaunchersOwnClasspath() {
    assertThat(getClass().getClassLoader().getResource("org/apache/cassandra/service/CassandraDaemon.class"))
        .isNull();
  }
}
