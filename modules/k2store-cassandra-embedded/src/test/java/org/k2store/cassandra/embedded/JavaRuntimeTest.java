package org.k2store.cassandra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JavaRuntimeTest {
  @Test
  void findsAJavaThatCanRunCassandra() {
    Path java = JavaRuntime.javaExecutable(null);

    assertThat(Files.isExecutable(java)).isTrue();
    JavaRuntime.featureVersion(java.getParent().getParent())
        .ifPresent(feature -> assertThat(feature).isBetween(JavaRuntime.MIN, JavaRuntime.MAX_EXCLUSIVE - 1));
  }
}
