package io.rubrique.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The file of unlabelled candidates ({@code labels/inbox.jsonl}): one JSON object per line, appended atomically. */
public final class Inbox {
    private static final ObjectMapper MAPPER = Json.mapper();

    private Inbox() {
    }

    /** The record as one JSON line: {@code id, kind, source, title, text} in that order, no {@code topics}. */
    public static String toJsonLine(Candidate c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("kind", c.kind().id());
        n.put("source", c.source());
        n.put("title", c.title());
        n.put("text", c.text());
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the records to the file (created if missing) by writing old and new lines to a temp file first. */
    public static void append(Path file, List<Candidate> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        StringBuilder added = new StringBuilder();
        if (old.length > 0 && old[old.length - 1] != '\n') {
            added.append('\n');
        }
        for (Candidate c : records) {
            added.append(toJsonLine(c)).append('\n');
        }
        AtomicFiles.write(file, out -> {
            out.write(old);
            out.write(added.toString().getBytes(StandardCharsets.UTF_8));
        });
    }
}
