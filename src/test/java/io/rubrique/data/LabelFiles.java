package io.rubrique.data;

import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes labelled items as a label file in the record format, for tests that need one on disk. */
public final class LabelFiles {
    private LabelFiles() {
    }

    /** {@code items} as JSON lines in {@code file}, which is returned. */
    public static Path write(Path file, List<LabelledItem> items) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (LabelledItem i : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("kind", i.kind().id());
            m.put("source", i.source());
            m.put("title", i.title());
            m.put("text", i.text());
            m.put("topics", i.topics().stream().toList());
            sb.append(Json.mapper().writeValueAsString(m)).append('\n');
        }
        return Files.writeString(file, sb.toString());
    }
}
