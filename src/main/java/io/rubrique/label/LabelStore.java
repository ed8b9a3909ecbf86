package io.rubrique.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.Candidate;
import io.rubrique.data.LabelProblem;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelValidator;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TextKey;
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
import java.util.Optional;

/**
 * Appends label records to a label file (e.g. {@code labels/snippets.jsonl}) safely: under the label set's one
 * lock (other tabs, other processes, other files of the set), after re-reading every label file of the set so that
 * an item is never labelled twice, through exactly the checks of {@code rubrique validate}, and atomically and durably (temporary file,
 * fsync, rename, directory fsync). Undo removes one record the same way. Thread-safe.
 */
public final class LabelStore {
    private static final ObjectMapper MAPPER = Json.mapper();

    private final Path file;
    private final Path labelSet;
    private final Path lockOf;
    private final TopicSet topics;

    /**
     * @param file     the file records are appended to
     * @param labelSet the file or directory whose records must not be duplicated (usually the directory of
     *                 {@code file})
     */
    public LabelStore(Path file, Path labelSet, TopicSet topics) {
        this(file, labelSet, labelSet, topics);
    }

    private LabelStore(Path file, Path labelSet, Path lockOf, TopicSet topics) {
        this.file = file;
        this.labelSet = labelSet;
        this.lockOf = lockOf;
        this.topics = topics;
    }

    /**
     * The store of a label set's second opinions ({@link io.rubrique.data.SecondOpinions#FILE}): its records are
     * checked like labels and unique among themselves (one second opinion per item), under the label set's lock.
     */
    public static LabelStore secondOpinions(Path labels, TopicSet topics) {
        Path so = io.rubrique.data.SecondOpinions.fileFor(labels);
        return new LabelStore(so, so, labels, topics);
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
        if (item.date() != null) {
            n.put("date", item.date().toString());
        }
        n.set("topics", MAPPER.valueToTree(List.copyOf(topics.ordered(chosen))));
        n.set("provenance", MAPPER.valueToTree(provenance));
        return n.toString();
    }

    /** A label record as it stands in its file: where it is and its JSON object. */
    public record Stored(Path file, int line, ObjectNode json) {
        public String id() {
            return json.path("id").asText();
        }

        /** Who labelled the record ({@code provenance.labelled_by}), or null when it does not say. */
        public String labelledBy() {
            JsonNode by = json.path("provenance").path("labelled_by");
            return by.isTextual() ? by.asText() : null;
        }
    }

    /** Every record of the set as stored (with provenance), by id; lines that do not parse are left out. */
    public Map<String, Stored> records() throws IOException {
        Map<String, Stored> out = new java.util.LinkedHashMap<>();
        for (Path f : setFiles()) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                JsonNode n = io.rubrique.util.Json.objectOrNull(lines.get(i));
                if (n != null && n.path("id").isTextual()) {
                    out.putIfAbsent(n.path("id").asText(), new Stored(f, i + 1, (ObjectNode) n));
                }
            }
        }
        return out;
    }

    /**
     * Replaces the record with this id, wherever in the set it is, by what {@code change} makes of it (a copy), under
     * the set's lock, through the checks of {@code validate}, atomically; the other lines stay as they are.
     *
     * @return the new record line
     * @throws Refused when no record has this id, or the new record would not validate
     */
    public String replace(String id, java.util.function.UnaryOperator<ObjectNode> change) throws IOException, Refused {
        try (FileLocks.Held lock = lockSet()) {
            Stored old = records().get(id);
            if (old == null) {
                throw new Refused("id: '" + id + "' is not labelled in the set", false);
            }
            ObjectNode changed = change.apply(old.json().deepCopy());
            String line = MAPPER.writeValueAsString(changed);
            List<LabelledItem> others = new LabelValidator(topics, false).validate(setFiles()).labelled().stream()
                    .filter(i -> !i.id().equals(id)).toList();
            List<LabelProblem> problems = new LabelValidator(topics, false).check(old.file(), old.line(), line,
                    others);
            if (!problems.isEmpty()) {
                throw new Refused(String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message())
                        .toList()), false);
            }
            Path target = AtomicFiles.throughLinks(old.file());
            List<String> lines = new ArrayList<>(List.of(new String(Files.readAllBytes(target),
                    StandardCharsets.UTF_8).split("\n", -1)));
            String was = lines.get(old.line() - 1);
            lines.set(old.line() - 1, was.endsWith("\r") ? line + "\r" : line);
            AtomicFiles.writeString(old.file(), String.join("\n", lines));
            return line;
        }
    }

    /**
     * Appends one record line; refused when invalid or when its id or text is already labelled in any file of
     * the set. Every writer of the set takes the set's one lock first, then re-reads every label file of it.
     */
    public void append(String line) throws IOException, Refused {
        try (FileLocks.Held lock = lockSet()) {
            List<Path> files = setFiles();
            JsonNode rec = MAPPER.readTree(line);
            Optional<String> first = firstLabelled(files, rec.path("id").asText(""), rec.path("text").asText(""));
            if (first.isPresent()) {
                throw new Refused(first.get(), true);
            }
            List<LabelledItem> known = new LabelValidator(topics, false).validate(files).labelled();
            Path target = AtomicFiles.throughLinks(file);
            byte[] old = Files.exists(target) ? Files.readAllBytes(target) : new byte[0];
            int lineNo = countLines(old) + 1;
            List<LabelProblem> problems = new LabelValidator(topics, false).check(file, lineNo, line, known);
            if (!problems.isEmpty()) {
                throw new Refused(String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message())
                        .toList()), false);
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

    /**
     * Where the set already labels this id or this text ({@code "id: 'x' is already labelled at FILE:LINE"}), if
     * anywhere. Lines that do not parse are skipped here: the validator reports them.
     */
    private static Optional<String> firstLabelled(List<Path> files, String id, String text) throws IOException {
        String key = TextKey.of(text);
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                JsonNode n = io.rubrique.util.Json.objectOrNull(lines.get(i));
                if (n == null) {
                    continue;
                }
                if (id.equals(n.path("id").asText(null))) {
                    return Optional.of("id: '" + id + "' is already labelled at " + f + ":" + (i + 1));
                }
                if (n.path("text").isTextual() && key.equals(TextKey.of(n.path("text").asText()))) {
                    return Optional.of("text: the same text is already labelled as '" + n.path("id").asText()
                            + "' at " + f + ":" + (i + 1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Removes the last record with this id from the file, under the set's lock; false when there is none. Other
     * lines, broken ones included, are kept as they are.
     */
    public boolean remove(String id) throws IOException {
        try (FileLocks.Held lock = lockSet()) {
            Path target = AtomicFiles.throughLinks(file);
            if (!Files.exists(target)) {
                return false;
            }
            List<String> lines = new ArrayList<>(List.of(new String(Files.readAllBytes(target),
                    StandardCharsets.UTF_8).split("\n", -1)));
            for (int i = lines.size() - 1; i >= 0; i--) {
                JsonNode n = io.rubrique.util.Json.objectOrNull(lines.get(i));
                if (n != null && id.equals(n.path("id").asText(null))) {
                    lines.remove(i);
                    AtomicFiles.writeString(file, String.join("\n", lines));
                    return true;
                }
            }
            return false;
        }
    }

    /** Every labelled item of the set, read fresh. */
    public List<LabelledItem> readAll() throws IOException {
        return new LabelValidator(topics, false).validate(setFiles()).labelled();
    }

    /** The set as {@link io.rubrique.data.LabelReader} would read it (without its digest), read fresh. */
    public io.rubrique.data.LabelSet set() throws IOException {
        List<Path> files = setFiles();
        return new io.rubrique.data.LabelSet(labelSet, files, topics,
                new LabelValidator(topics, false).validate(files).labelled(), "");
    }

    /** The file or directory of the set. */
    public Path labelSet() {
        return labelSet;
    }

    /** The set's one lock: the directory's when the set is a directory, else the label file's. */
    private FileLocks.Held lockSet() throws IOException {
        return Files.isDirectory(lockOf) ? FileLocks.exclusiveDirectory(lockOf) : FileLocks.exclusive(lockOf);
    }

    /** The label files of the set (never the inbox: a pool), plus the file saves go to; those that exist. */
    private List<Path> setFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.exists(labelSet)) {
            files.addAll(LabelReader.labelFiles(labelSet));
        }
        if (Files.exists(file) && files.stream().noneMatch(f -> same(f, file))) {
            files.add(file);
        }
        files.removeIf(f -> !Files.exists(f));
        return files;
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
