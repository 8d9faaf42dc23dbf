package org.k2store.cassandra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One node's directory layout, owned exclusively while the node runs: a file lock stops a second
 * launcher (in this or another JVM) from starting a node on, or wiping, the same data.
 */
final class NodeDirectories implements AutoCloseable {
  static final String LOCK_FILE = ".k2store-node.lock";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private NodeDirectories(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates the root if needed and locks it; fails if another launcher holds it. */
  static NodeDirectories lock(Path dataDirectory) {
    Path root = dataDirectory.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(root);
      channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new DataDirectoryInUseException(root);
      }
      return new NodeDirectories(root, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + root, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Removes everything but the lock file: a fresh, empty node. */
  void deleteContents() {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (!file.equals(root.resolve(LOCK_FILE))) {
            Files.delete(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
          if (failure != null) {
            throw failure;
          }
          if (!dir.equals(root)) {
            Files.delete(dir);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + root, e);
    }
  }

  void createAll() {
    for (Path dir : new Path[] {conf(), triggers(), data(), commitLog(), savedCaches(), hints(), cdcRaw(), logs()}) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + dir, e);
      }
    }
  }

  Path root() {
    return root;
  }

  Path conf() {
    return root.resolve("conf");
  }

  Path bootstrapClasses() {
    return conf().resolve("bootstrap-classes");
  }

  /** Cassandra warns at every schema change if its triggers directory is missing. */
  Path triggers() {
    return conf().resolve("triggers");
  }

  Path data() {
    return root.resolve("data");
  }

  Path commitLog() {
    return root.resolve("commitlog");
  }

  Path savedCaches() {
    return root.resolve("saved_caches");
  }

  Path hints() {
    return root.resolve("hints");
  }

  Path cdcRaw() {
    return root.resolve("cdc_raw");
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path systemLog() {
    return logs().resolve("system.log");
  }

  /** The child's stdout and stderr: JVM errors that happen before logging is up land here. */
  Path consoleLog() {
    return logs().resolve("console.log");
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel close below releases it too
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing useful to do
      }
    }
  }
}
