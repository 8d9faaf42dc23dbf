package org.k2store.reliability.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The figures of a scenario, kept as JSON under target/reliability-figures for the README. */
final class Figures {

    private Figures() {
    }

    static void write(String scenario, Map<String, Object> figures) {
        try {
            Path directory = Path.of("target", "reliability-figures");
            Files.createDirectories(directory);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve(scenario + ".json").toFile(), figures);
            System.out.println(scenario + ": " + figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
