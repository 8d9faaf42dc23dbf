package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * The runnable jar as users run it ({@code java -jar target/k2store-server.jar ...}), after
 * packaging: the shaded jar must carry every class the service needs, which no in-process test can
 * see (a dependency scoped to tests once left the YAML parser out of it).
 */
@ExtendWith(CassandraExtension.class)
class ServerJarIT {

    private static final Path JAR = Path.of("target", "k2store-server.jar");
    private static final Path CONFIG = Path.of("../../config.yml");

    private static Process java(Path log, List<String> environment, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        for (String pair : environment) {
            builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theJarChecksTheRepositoryConfigAndHashesATokenFromTheCommandLine() throws Exception {
        Path log = Files.createTempFile("k2store-jar", ".log");
        Process check = java(log, List.of(), "check", CONFIG.toString());
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(Files.readString(log)).isZero();

        Process hash = java(log, List.of(), "hash-token", "change-me");
        assertThat(hash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).contains("e2186dbdb1bb4193608605e84f33208765b5693b55edd4f730a719a100eeea6f");
    }

    @Test
    void theJarServesTheApiAndTheConsoleOnRealCassandra(CassandraEndpoint cassandra) throws Exception {
        int api = freePort();
        int admin = freePort();
        String contactPoints = cassandra.contactPoints().stream().map(point -> point.getHostString() + ":" + point.getPort())
                .collect(Collectors.joining(","));
        Path log = Files.createTempFile("k2store-jar-server", ".log");
        Process server = java(log, List.of("K2STORE_PORT=" + api, "K2STORE_ADMIN_PORT=" + admin,
                "K2STORE_CASSANDRA_CONTACT_POINTS=" + contactPoints, "K2STORE_CASSANDRA_LOCAL_DC=" + cassandra.localDatacenter(),
                "K2STORE_CASSANDRA_KEYSPACE=k2store_jar_it", "K2STORE_LOG_LEVEL=WARN"), "server", CONFIG.toString());
        try {
            Http adminPort = new Http(URI.create("http://127.0.0.1:" + admin));
            Http apiPort = new Http(URI.create("http://127.0.0.1:" + api));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            int health = 0;
            while (System.nanoTime() < deadline && server.isAlive()) {
                try {
                    health = adminPort.get("/healthcheck", null).status();
                } catch (RuntimeException notYet) {
                    health = 0;
                }
                if (health == 200) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(health).as(Files.readString(log)).isEqualTo(200);

            String space = "/v1/spaces/amFyLWl0"; // base64url "jar-it"
            String json = "application/json";
            assertThat(apiPort.send("PUT", space, null, json, java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"codec\":\"kitsune2-memory\",\"location\":\"xor-fold\"}")).status()).isIn(200, 201);
            String op = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"created_at\":1000,\"op_data\":[1,0,0,0,11,12]}".getBytes(StandardCharsets.UTF_8));
            assertThat(apiPort.send("POST", space + "/ops", null, json, java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"ops\":[\"" + op + "\"]}")).status()).isEqualTo(200);
            assertThat(apiPort.get(space + "/op-count", null).json().path("count").asLong()).isEqualTo(1);
            assertThat(apiPort.get("/console/", null).body()).contains("ring console");
            assertThat(apiPort.get("/openapi.yaml", null).body()).startsWith("openapi:");
            assertThat(adminPort.get("/prometheus", null).status()).isEqualTo(200);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
