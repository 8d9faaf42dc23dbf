package org.k2store.reliability.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The figures of a run (requests fuzzed, statuses seen, checks made, latencies) as small JSON files
 * in target/reliability-figures/, from which the README's reliability section is written.
 */
final class Figures {

    static final Path DIRECTORY = Path.of("target", "reliability-figures");

    private Figures() {
    }

    static Path write(String name, Map<String, ?> figures) {
        return write(DIRECTORY.resolve(name + ".json"), figures);
    }

    static Path write(Path file, Map<String, ?> figures) {
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
