package org.k2store.cassandra.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Cassandra server's jars, read from the resource k2store-cassandra-classpath writes at build
 * time (absolute paths into the local Maven repository). Cassandra never goes on the caller's own
 * classpath: its dependencies would clash with the driver's.
 *
 * <p>Where that repository is absent (a packaged server), env {@value #ENV} names a directory of
 * Cassandra's jars, or a classpath string, instead.
 */
record CassandraClasspath(List<Path> jars) {
  static final String RESOURCE = "/org/k2store/cassandra/classpath/cassandra-classpath.txt";
  static final String ENV = "K2STORE_CASSANDRA_CLASSPATH";
  private static final Pattern JAMM = Pattern.compile("jamm-[0-9].*\\.jar");
  private static final Pattern CASSANDRA_ALL = Pattern.compile("cassandra-all-(.+)\\.jar");

  CassandraClasspath {
    jars = List.copyOf(jars);
  }

  static CassandraClasspath load() {
    String override = System.getenv(ENV);
    String text = override != null && !override.isBlank() ? fromOverride(override.trim()) : fromResource();
    return parse(text, override != null && !override.isBlank() ? "$" + ENV : RESOURCE);
  }

  private static String fromOverride(String value) {
    Path dir = Path.of(value);
    if (!Files.isDirectory(dir)) {
      return value;
    }
    try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
      return String.join(File.pathSeparator, entries
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .map(p -> p.toAbsolutePath().toString())
          .sorted()
          .toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String fromResource() {
    try (InputStream in = CassandraClasspath.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE
            + ": is org.k2store:k2store-cassandra-classpath on the classpath?");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static CassandraClasspath parse(String text, String source) {
    List<Path> jars = new ArrayList<>();
    List<Path> missing = new ArrayList<>();
    for (String entry : text.split(Pattern.quote(File.pathSeparator))) {
      if (entry.isBlank()) {
        continue;
      }
      Path jar = Path.of(entry.trim());
      jars.add(jar);
      if (!Files.isRegularFile(jar)) {
        missing.add(jar);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(missing.size() + " Cassandra jar(s) listed in " + source
          + " are not on this machine (the built-in list is made at build time, from the local Maven"
          + " repository): rebuild k2store-cassandra-classpath here or set " + ENV
          + ". First missing: " + missing.get(0));
    }
    return new CassandraClasspath(jars);
  }

  /** Cassandra measures object sizes with jamm, which must be loaded as a Java agent. */
  Path jammAgent() {
    return jars.stream()
        .filter(jar -> JAMM.matcher(jar.getFileName().toString()).matches())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no jamm jar among the Cassandra jars"));
  }

  /** The cassandra-all version the list was built for, e.g. 5.0.7. */
  String cassandraVersion() {
    return jars.stream()
        .map(jar -> CASSANDRA_ALL.matcher(jar.getFileName().toString()))
        .filter(java.util.regex.Matcher::matches)
        .map(m -> m.group(1))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no cassandra-all jar among the Cassandra jars"));
  }

  String asClasspath() {
    return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
  }
}
