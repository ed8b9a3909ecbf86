package io.rubrique.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.util.Hashing;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads labelled items from a {@code .jsonl} file or a directory of them (minimal version; full validation
 * lives with {@code rubrique validate}).
 */
public final class LabelReader {
    private static final ObjectMapper MAPPER = Json.mapper();

    private LabelReader() {
    }

    /** Reads every labelled record; fails on the first bad line, naming file and line. */
    public static LabelSet read(Path fileOrDir) throws IOException {
        List<Path> files = labelFiles(fileOrDir);
        List<LabelledItem> items = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = MAPPER.readTree(line);
                    EnumSet<Topic> topics = EnumSet.noneOf(Topic.class);
                    for (JsonNode t : n.get("topics")) {
                        topics.add(Topic.fromId(t.asText()).orElseThrow());
                    }
                    items.add(new LabelledItem(n.get("id").asText(),
                            ItemKind.fromId(n.get("kind").asText()).orElseThrow(),
                            n.path("source").asText(""), n.path("title").asText(""), n.get("text").asText(),
                            topics));
                } catch (RuntimeException e) {
                    throw new IOException(f + ":" + (i + 1) + ": invalid record: " + e, e);
                }
            }
        }
        return new LabelSet(fileOrDir, files, items, Hashing.sha256(files));
    }

    /** The label files a path stands for: the file itself, or a directory's labelled {@code *.jsonl} by name. */
    public static List<Path> labelFiles(Path fileOrDir) throws IOException {
        if (!Files.isDirectory(fileOrDir)) {
            if (!Files.isRegularFile(fileOrDir)) {
                throw new IOException(fileOrDir + ": no such label file or directory");
            }
            return List.of(fileOrDir);
        }
        try (Stream<Path> s = Files.list(fileOrDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(p -> !p.getFileName().toString().startsWith("inbox"))
                    .sorted()
                    .toList();
        }
    }
}
