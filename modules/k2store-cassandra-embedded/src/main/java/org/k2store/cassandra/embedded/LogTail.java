package org.k2store.cassandra.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines a file gained since an offset: what a failed start put into the child's logs. */
final class LogTail {
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  static String lastLines(Path file, long since, int lines) {
    if (!Files.exists(file)) {
      return "(no " + file.getFileName() + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long end = in.length();
      long start = Math.max(Math.min(since, end), end - MAX_BYTES);
      byte[] bytes = new byte[(int) (end - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
