package org.k2store.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A system Chromium (Debian's {@code chromium}) driven from the command line, no WebDriver: one
 * process per page load, {@code --dump-dom} for the DOM after the page's scripts ran and
 * {@code --screenshot} for a PNG. {@code --virtual-time-budget} lets the page's fetches and timers
 * run to completion before the dump, without the test sleeping. Each run gets its own profile
 * directory and is killed (with its children) if it has not exited within the deadline.
 */
final class ChromiumHeadless {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/lib/chromium/chromium", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final long DEADLINE_SECONDS = 120;

    private final Path binary;
    private final Path work;

    private ChromiumHeadless(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** The browser at {@code CHROMIUM_BIN} or a usual place, or empty when there is none. */
    static Optional<ChromiumHeadless> find(Path work) {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("CHROMIUM_BIN");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.addAll(CANDIDATES);
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst()
                .map(binary -> new ChromiumHeadless(binary, work));
    }

    Path binary() {
        return binary;
    }

    /** The serialized DOM of {@code url} once its scripts had {@code budgetMillis} of virtual time. */
    String dumpDom(String url, int budgetMillis) {
        Path out = run("dump-dom", List.of("--dump-dom", "--virtual-time-budget=" + budgetMillis, url), 1280, 900);
        try {
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG of {@code url} at {@code width} x {@code height}, written to {@code png}. */
    void screenshot(String url, int budgetMillis, Path png, int width, int height) {
        run("screenshot", List.of("--screenshot=" + png.toAbsolutePath(), "--virtual-time-budget=" + budgetMillis,
                "--hide-scrollbars", url), width, height);
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("Chromium wrote no screenshot to " + png + "; its log: " + log("screenshot"));
        }
    }

    private Path run(String name, List<String> args, int width, int height) {
        try {
            Path profile = Files.createDirectories(work.resolve(name + "-profile"));
            Path out = work.resolve(name + ".out");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--disable-background-networking", "--user-data-dir=" + profile, "--window-size=" + width + "," + height));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(work.resolve(name + ".log").toFile()).start();
            try {
                if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("Chromium did not exit within " + DEADLINE_SECONDS + " s: " + command);
                }
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                deleteTree(profile);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + ": " + log(name));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log(String name) {
        try {
            return Files.readString(work.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
