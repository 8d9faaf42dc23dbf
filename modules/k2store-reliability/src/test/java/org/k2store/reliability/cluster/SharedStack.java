package org.k2store.reliability.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.k2store.reliability.stack.LocalStack;

/**
 * One local stack (3 Cassandra nodes on 127.0.0.1-3, RF 3, and 2 k2store instances as their own
 * JVMs) for every test class of the module that declares {@code @ExtendWith(SharedStack.class)}:
 * started by the first such class, kept in JUnit's root store and closed when the whole test run
 * ends, so the scenarios share one cluster instead of starting one each. The settings are
 * ClusterFaultsTest's (512 MiB per node, a fresh data directory, settle window 2 s); ClusterFaultsTest
 * itself still starts and closes a stack of its own (in target/local-stack), so until it moves here
 * a whole-module run can have both up at once, depending on the order the classes run in.
 *
 * <p>Scenarios on the shared stack leave it as they found it: every instance and node running.
 *
 * <p>The service JVMs run on a snapshot of k2store's own jars, copied when the stack starts: the
 * write path is rebuilt and re-installed into ~/.m2 while scenarios run, and a jar replaced under
 * a running service fails its next class load (NoClassDefFoundError, answered as a 500), which
 * would be a harness failure reported as the store's.
 */
final class SharedStack implements BeforeAllCallback {

    /**
     * The settle window of both instances: bounded pages trail the read by this much. It must hold
     * Cassandra's write timeout (2 s), the skew allowed (0.5 s) and the time a batch may take to be
     * visible, which under 16 writers on this 2-core box runs to seconds: a batch past it fails.
     */
    static final Duration SETTLE_WINDOW = Duration.ofSeconds(15);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    private static volatile LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Holder.class, key -> new Holder(), Holder.class);
    }

    /** The running stack; only valid in a class extended with {@code SharedStack}. */
    static LocalStack stack() {
        LocalStack running = stack;
        if (running == null) {
            throw new IllegalStateException("no shared stack: annotate the test class with @ExtendWith(SharedStack.class)");
        }
        return running;
    }

    /** The k2store jars the services run, name to size and SHA-256 prefix: which build of the write path a figure is of. */
    static Map<String, String> jars() {
        Map<String, String> jars = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && path.getFileName().toString().matches("k2store-(cassandra|server)-\\d.*") && Files.isRegularFile(path)) {
                try {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
                    jars.put(path.getFileName().toString(), Files.size(path) + " B, sha256 " + HexFormat.of().formatHex(digest, 0, 6));
                } catch (IOException | NoSuchAlgorithmException e) {
                    jars.put(path.getFileName().toString(), "unreadable: " + e);
                }
            }
        }
        return jars;
    }

    /** The class path with every k2store jar from the local repository replaced by a copy of it in {@code directory}. */
    static String snapshot(String classPath, Path directory) {
        try {
            Files.createDirectories(directory);
            List<String> entries = new ArrayList<>();
            for (String entry : classPath.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (entry.endsWith(".jar") && entry.contains(File.separator + "org" + File.separator + "k2store" + File.separator)
                        && Files.isRegularFile(path)) {
                    Path copy = directory.resolve(path.getFileName());
                    copyWhole(path, copy);
                    entries.add(copy.toAbsolutePath().toString());
                } else {
                    entries.add(entry);
                }
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a jar, again if the copy is not a readable zip (the jar was being installed at that moment). */
    private static void copyWhole(Path jar, Path copy) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                zip.size();
                return;
            } catch (IOException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while copying " + jar, interrupted);
                }
            }
        }
    }

    /** Closed by JUnit (AutoCloseable store values) after the last test of the run. */
    private static final class Holder implements AutoCloseable {

        private final String classPath = System.getProperty("java.class.path");
        private final LocalStack started;

        /**
         * ServiceProcess takes its class path from {@code java.class.path} at every (re)start, so the
         * property points at the snapshot while the stack lives: an instance a scenario restarts
         * runs the same jars as the other one.
         */
        Holder() {
            System.setProperty("java.class.path", snapshot(classPath, Path.of("target", "shared-local-stack-classpath")));
            try {
                started = LocalStack.start(Path.of("target", "shared-local-stack"), "512m", true, SETTLE_WINDOW);
            } catch (RuntimeException e) {
                System.setProperty("java.class.path", classPath);
                throw e;
            }
            stack = started;
        }

        @Override
        public void close() {
            stack = null;
            try {
                started.close();
            } finally {
                System.setProperty("java.class.path", classPath);
            }
        }
    }
}
