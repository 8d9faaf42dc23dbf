package org.k2store.cassandra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chooses the JVM for the Cassandra child. Cassandra 5.0 runs on Java 17; Java 24 and later
 * cannot run it at all (it installs a SecurityManager), and the caller's JVM may well be newer.
 *
 * <p>Order: an explicit home (builder), env {@value #ENV} (a JDK home or a java executable), the
 * JVM running this code if it is 17..23, then a Java 17 found under /usr/lib/jvm or $JAVA_HOME.
 */
final class JavaRuntime {
  static final String ENV = "K2STORE_CASSANDRA_JAVA";
  static final int MIN = 17;
  static final int MAX_EXCLUSIVE = 24;
  private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  private JavaRuntime() {}

  static Path javaExecutable(Path explicitHome) {
    if (explicitHome != null) {
      return checked(explicitHome, "the configured javaHome");
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return checked(Path.of(env.trim()), "$" + ENV);
    }
    int running = Runtime.version().feature();
    if (running >= MIN && running < MAX_EXCLUSIVE) {
      return executable(Path.of(System.getProperty("java.home")));
    }
    for (Path home : candidates()) {
      Optional<Integer> feature = featureVersion(home);
      if (feature.isPresent() && feature.get() == MIN && Files.isExecutable(executable(home))) {
        return executable(home);
      }
    }
    throw new IllegalStateException("Cassandra needs Java " + MIN + " (this JVM is " + running
        + "); set " + ENV + " to a Java 17 home");
  }

  private static Path checked(Path homeOrExecutable, String source) {
    Path java = Files.isDirectory(homeOrExecutable) ? executable(homeOrExecutable) : homeOrExecutable;
    if (!Files.isExecutable(java)) {
      throw new IllegalStateException(source + " does not lead to a java executable: " + homeOrExecutable);
    }
    Path home = java.toAbsolutePath().getParent().getParent();
    featureVersion(home).ifPresent(feature -> {
      if (feature < MIN || feature >= MAX_EXCLUSIVE) {
        throw new IllegalStateException(source + " is Java " + feature + "; Cassandra needs " + MIN
            + " to " + (MAX_EXCLUSIVE - 1));
      }
    });
    return java;
  }

  static Path executable(Path home) {
    return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
  }

  /** From the JDK's {@code release} file, so no process is started to ask. */
  static Optional<Integer> featureVersion(Path home) {
    try {
      Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<Path> candidates() {
    List<Path> homes = new ArrayList<>();
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      homes.add(Path.of(javaHome));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> entries = Files.list(jvms)) {
        entries.filter(Files::isDirectory).sorted().forEach(homes::add);
      } catch (IOException e) {
        // nothing more to try
      }
    }
    return homes;
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  }
}
