package org.k2store.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The k2store service as a deployment runs it: the shaded jar in a JVM of its own (heap capped, so
 * the bench can tell whether streaming a large slice fits), pointed at the bench's Cassandra and
 * keyspace through the environment variables config.yml reads. Its log goes to a file.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("\"jvm\\.memory\\.heap\\.used\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*(\\d+)");

    private final Process process;
    private final int port;
    private final int adminPort;
    private final String heap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, int port, int adminPort, String heap) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.heap = heap;
    }

    /** Starts the service and waits (at most 3 minutes) until its health checks pass. */
    public static ServerProcess start(Path jar, Path config, String contactPoint, String keyspace, String heap, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar.toAbsolutePath()
                    + ": build it with mvn -DskipTests install -pl modules/k2store-bench -am");
        }
        int port = freePort();
        int adminPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-jar", jar.toAbsolutePath().toString(), "server", config.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        env.put("K2STORE_PORT", Integer.toString(port));
        env.put("K2STORE_ADMIN_PORT", Integer.toString(adminPort));
        env.put("K2STORE_CASSANDRA_CONTACT_POINTS", contactPoint);
        env.put("K2STORE_CASSANDRA_KEYSPACE", keyspace);
        env.put("K2STORE_SETTLE_WINDOW", "PT0S");
        env.put("K2STORE_CASSANDRA_REQUEST_TIMEOUT", "PT60S");
        env.put("K2STORE_LOG_LEVEL", "WARN");
        env.put("K2STORE_REQUEST_LOG_THRESHOLD", "OFF");
        // Every bench client connects from 127.0.0.1, several pools at once (the Java client's, the
        // lean client's, one connection per writer): the per-address cap is for strangers, not for
        // the one load generator, and costs a map update per connection, not per call.
        env.put("K2STORE_MAX_CONNECTIONS_PER_ADDRESS", "-1");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the k2store service", e);
        }
        ServerProcess server = new ServerProcess(process, port, adminPort, heap);
        try {
            server.awaitHealthy(Duration.ofMinutes(3), log);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String heap() {
        return heap;
    }

    /** The service's heap in use now (bytes), from its admin metrics. */
    public long heapUsedBytes() {
        String metrics = get("/metrics").body();
        Matcher m = HEAP_USED.matcher(metrics);
        if (!m.find()) {
            throw new IllegalStateException("the service's /metrics has no jvm.memory.heap.used");
        }
        return Long.parseLong(m.group(1));
    }

    private void awaitHealthy(Duration limit, Path log) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the k2store service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/healthcheck").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException("the k2store service was not healthy within " + limit + "; see " + log);
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the service (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where the jar and config.yml are, from the repository root or from the bench module's directory
     * (where tests run); the system property k2store.serverJar names another jar.
     */
    public static List<Path> defaultJarAndConfig() {
        for (Path root : List.of(Path.of("."), Path.of("..", ".."))) {
            Path jar = root.resolve("modules/k2store-server/target/k2store-server.jar");
            if (Files.isDirectory(root.resolve("modules/k2store-server"))) {
                String other = System.getProperty("k2store.serverJar");
                return List.of(other != null ? Path.of(other) : jar.normalize(), root.resolve("config.yml").normalize());
            }
        }
        return List.of(Path.of("modules/k2store-server/target/k2store-server.jar"), Path.of("config.yml"));
    }
}
