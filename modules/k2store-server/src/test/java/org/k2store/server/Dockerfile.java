package org.k2store.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of deploy/Dockerfile that the manifests depend on, read as Docker reads them
 * (continuation lines joined, the last FROM starting the image that runs).
 */
record Dockerfile(int stages, List<String> buildCommands, String user, String workdir, Map<String, String> copies,
        Map<String, String> env, List<Integer> exposed, String healthcheck, List<String> entrypoint, List<String> cmd) {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    static Dockerfile read(Path file) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : DeployManifests.read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                instructions.add(current.toString().strip());
                current.setLength(0);
            }
        }
        int stages = 0;
        List<String> build = new ArrayList<>();
        String user = "root";
        String workdir = "/";
        Map<String, String> copies = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<Integer> exposed = new ArrayList<>();
        String healthcheck = null;
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        for (String instruction : instructions) {
            String keyword = instruction.split("\\s+", 2)[0].toUpperCase();
            String rest = instruction.substring(keyword.length()).strip();
            switch (keyword) {
                case "FROM" -> {
                    stages++;
                    user = "root";
                    workdir = "/";
                    copies.clear();
                    env.clear();
                    exposed.clear();
                }
                case "RUN" -> build.add(rest);
                case "USER" -> user = rest;
                case "WORKDIR" -> workdir = rest;
                case "COPY" -> {
                    String[] words = rest.split("\\s+");
                    String destination = words[words.length - 1];
                    String source = words[words.length - 2];
                    String absolute = destination.startsWith("/") ? destination : workdir + "/" + destination.replaceFirst("^\\./", "");
                    copies.put(absolute, source);
                }
                case "ENV" -> {
                    Matcher pair = ENV_PAIR.matcher(rest);
                    while (pair.find()) {
                        env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
                    }
                }
                case "EXPOSE" -> {
                    for (String port : rest.split("\\s+")) {
                        exposed.add(Integer.parseInt(port.replace("/tcp", "")));
                    }
                }
                case "HEALTHCHECK" -> healthcheck = rest.substring(rest.indexOf("CMD") + 3).strip();
                case "ENTRYPOINT" -> entrypoint = jsonArray(rest);
                case "CMD" -> cmd = jsonArray(rest);
                default -> {
                }
            }
        }
        return new Dockerfile(stages, build, user, workdir, Map.copyOf(copies), Map.copyOf(env), List.copyOf(exposed), healthcheck,
                entrypoint, cmd);
    }

    private static List<String> jsonArray(String exec) {
        try {
            return new ObjectMapper().readValue(exec, new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("exec form expected: " + exec, e);
        }
    }
}
