package io.rubrique.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.eval.report.JsonFiles;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds run folders and reads their {@code report.json} as a JSON tree (tolerant of older or newer reports). */
public final class RunStore {
    private RunStore() {
    }

    /** A run folder and its report, or the reason it could not be read. */
    public record Entry(Path dir, JsonNode report, String problem) {
        public boolean readable() {
            return report != null;
        }
    }

    /** A run named by its folder path or by its id under {@code runsDir}. */
    public static Path resolve(String pathOrId, Path runsDir) throws IOException {
        Path direct = Path.of(pathOrId);
        if (Files.isRegularFile(direct.resolve(JsonFiles.REPORT))) {
            return direct;
        }
        Path underRuns = runsDir.resolve(pathOrId);
        if (Files.isRegularFile(underRuns.resolve(JsonFiles.REPORT))) {
            return underRuns;
        }
        throw new IOException(pathOrId + ": no run folder with a " + JsonFiles.REPORT + " (looked at " + direct
                + " and " + underRuns + ")");
    }

    public static JsonNode read(Path runDir) throws IOException {
        Path file = runDir.resolve(JsonFiles.REPORT);
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new IOException(file + ": not a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": unreadable report: " + e.getOriginalMessage(), e);
        }
    }

    /** Every run folder under {@code runsDir}, newest first (by {@code started_at}, then folder name). */
    public static List<Entry> list(Path runsDir) throws IOException {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(runsDir)) {
            for (Path dir : s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList()) {
                try {
                    entries.add(new Entry(dir, read(dir), null));
                } catch (IOException e) {
                    entries.add(new Entry(dir, null, e.getMessage()));
                }
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.readable() ? e.report().path("started_at").asText("")
                : "").thenComparing(e -> e.dir().getFileName().toString()).reversed());
        return entries;
    }
}
