package org.k2store.reliability.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One k2store instance as its own JVM (the server's main class on this JVM's class path), so a
 * scenario can kill -9 it the way a machine dies: no shutdown hook, requests cut mid-flight.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final ServiceConfig config;
    private final Path directory;
    private Process process;

    private ServiceProcess(String name, ServiceConfig config, Path directory) {
        this.name = name;
        this.config = config;
        this.directory = directory;
    }

    /** Starts the instance and returns once its admin port answers /ping. */
    public static ServiceProcess start(String name, ServiceConfig config, Path directory) {
        ServiceProcess service = new ServiceProcess(name, config, directory);
        service.start();
        return service;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(directory);
            Path yaml = directory.resolve(name + ".yml");
            Files.writeString(yaml, config.yaml());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    "org.k2store.server.K2StoreApplication", "server", yaml.toString()));
            Path log = log();
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log());
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(admin().resolve("/ping")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + name + " started", e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " did not answer /ping within " + READY_TIMEOUT + "; log: " + log());
    }

    /** SIGKILL: the instance dies with whatever it had in flight. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + config.apiPort());
    }

    public URI admin() {
        return URI.create("http://127.0.0.1:" + config.adminPort());
    }

    public String name() {
        return name;
    }

    public Path log() {
        return directory.resolve(name + ".log");
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
