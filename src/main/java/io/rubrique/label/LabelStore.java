package io.rubrique.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.Candidate;
import io.rubrique.data.LabelProblem;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelValidator;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.FileLocks;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends label records to a label file (e.g. {@code labels/snippets.jsonl}) safely: under the file's lock
 * (other tabs, other processes), after re-reading every label file of the set so that an item is never labelled
 * twice, through exactly the checks of {@code rubrique validate}, and atomically and durably (temporary file,
 * fsync, rename, directory fsync). Undo removes one record the same way. Thread-safe.
 */
public final class LabelStore {
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path file;
    private final Path labelSet;
    private final TopicSet topics;

    /**
     * @param file     the file records are appended to
     * @param labelSet the file or directory whose records must not be duplicated (usually the directory of
     *                 {@code file})
     */
    public LabelStore(Path file, Path labelSet, TopicSet topics) {
        this.file = file;
        this.labelSet = labelSet;
        this.topics = topics;
    }

    public Path file() {
        return file;
    }

    /** A record the store refused, with the validator's problems ({@code field: message} each). */
    public static final class Refused extends Exception {
        private final boolean duplicate;

        Refused(String message, boolean duplicate) {
            super(message);
            this.duplicate = duplicate;
        }

        /** True when the item is already labelled (another tab or labeller was first). */
        public boolean duplicate() {
            return duplicate;
        }
    }

    /** The label record of {@code item} with {@code topics} and its provenance, as one JSON line. */
    public String record(Candidate item, List<String> chosen, Map<String, Object> provenance) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", item.id());
        n.put("kind", item.kind().id());
        n.put("source", item.source());
        n.put("title", item.title());
        n.put("text", item.text());
        n.set("topics", MAPPER.valueToTree(List.copyOf(topics.ordered(chosen))));
        n.set("provenance", MAPPER.valueToTree(provenance));
        return n.toString();
    }

    /** Appends one record line; refused when invalid or when its id or text is already labelled. */
    public void append(String line) throws IOException, Refused {
        try (FileLocks.Held lock = FileLocks.exclusive(file)) {
            List<LabelledItem> known = readAll();
            byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            int lineNo = countLines(old) + 1;
            List<LabelProblem> problems = new LabelValidator(topics, false).check(file, lineNo, line, known);
            if (!problems.isEmpty()) {
                boolean dup = problems.stream().allMatch(p -> p.message().startsWith("duplicate id")
                        || p.message().startsWith("same text"));
                throw new Refused(String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message())
                        .toList()), dup);
            }
            byte[] add = (line + "\n").getBytes(StandardCharsets.UTF_8);
            boolean needsNewline = old.length > 0 && old[old.length - 1] != '\n';
            AtomicFiles.write(file, out -> {
                out.write(old);
                if (needsNewline) {
                    out.write('\n');
                }
                out.write(add);
            });
        }
    }

    /** Removes the last record with this id from the file; false when there is none. */
    public boolean remove(String id) throws IOException {
        try (FileLocks.Held lock = FileLocks.exclusive(file)) {
            if (!Files.exists(file)) {
                return false;
            }
            List<String> lines = new ArrayList<>(List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                    .split("\n", -1)));
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i);
                if (l.isBlank()) {
                    continue;
                }
                if (id.equals(MAPPER.readTree(l).path("id").asText(null))) {
                    lines.remove(i);
                    String content = String.join("\n", lines);
                    AtomicFiles.writeString(file, content);
                    return true;
                }
            }
            return false;
        }
    }

    /** Every labelled item of the set, read fresh. */
    public List<LabelledItem> readAll() throws IOException {
        if (!Files.exists(labelSet)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>(LabelReader.labelFiles(labelSet));
        if (Files.exists(file) && files.stream().noneMatch(f -> same(f, file))) {
            files.add(file);
        }
        files.removeIf(f -> !Files.exists(f));
        return new LabelValidator(topics, false).validate(files).labelled();
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static int countLines(byte[] b) {
        int n = 0;
        for (byte x : b) {
            n += x == '\n' ? 1 : 0;
        }
        return b.length > 0 && b[b.length - 1] != '\n' ? n + 1 : n;
    }
}
