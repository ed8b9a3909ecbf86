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

/**
 * The file of unlabelled candidates ({@code labels/inbox.jsonl}): one JSON object per line, appended atomically
 * under a lock that every writer takes.
 */
public final class Inbox {
    private static final ObjectMapper MAPPER = Json.mapper();

    private Inbox() {
    }

    /**
     * The record as one JSON line: {@code id, kind, source, title, text} (then {@code date} when known) in that
     * order, no {@code topics}.
     */
    public static String toJsonLine(Candidate c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("kind", c.kind().id());
        n.put("source", c.source());
        n.put("title", c.title());
        n.put("text", c.text());
        if (c.date() != null) {
            n.put("date", c.date().toString());
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ingests under the inbox's lock, so that concurrent ingests (and the labelling page) never lose a record:
     * the known records are read after the lock is taken, {@code fill} adds the new candidates, every record is
     * checked against {@link RecordLimits} before anything is written, and the fresh ones are appended atomically.
     *
     * @throws IOException naming the record when one could not be read back (nothing is written then)
     */
    public static CandidatePool.Outcome ingest(Path file, List<Path> knownFiles,
            java.util.function.Consumer<CandidatePool> fill) throws IOException {
        try (io.rubrique.util.FileLocks.Held lock = io.rubrique.util.FileLocks.exclusive(file)) {
            CandidatePool pool = CandidatePool.knowing(knownFiles);
            fill.accept(pool);
            CandidatePool.Outcome o = pool.outcome();
            for (Candidate c : o.fresh()) {
                checkLimits(c);
            }
            append(file, o.fresh());
            return o;
        }
    }

    /** Refuses a record that readers would refuse: the same limits and character rules on write as on read. */
    static void checkLimits(Candidate c) throws IOException {
        java.util.LinkedHashMap<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("id", c.id());
        fields.put("source", c.source());
        fields.put("title", c.title());
        fields.put("text", c.text());
        java.util.List<RecordLimits.FieldProblem> bad = RecordLimits.problems(fields);
        if (!bad.isEmpty()) {
            RecordLimits.FieldProblem p = bad.get(0);
            throw new IOException(c.source() + ": " + c.kind().id() + " '" + abbreviate(c.title()) + "': " + p.field()
                    + ": " + p.message() + "; nothing was written");
        }
        int bytes = toJsonLine(c).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > RecordLimits.MAX_LINE_BYTES) {
            throw new IOException(c.source() + ": record of %,d bytes, more than the limit of %,d; nothing was written"
                    .formatted(bytes, RecordLimits.MAX_LINE_BYTES));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Appends the records to the file (created if missing) by writing old and new lines to a temp file first. */
    static void append(Path file, List<Candidate> records) throws IOException {
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
